import type { LoaderOptions } from "@medusajs/framework/types"
import { parsePluginOptions, type PluginOptions } from "../../../plugin-options"

/** A bad plugin option stops the store from starting, with a message naming it, before any invoice is numbered. */
export default async function validateOptionsLoader({
  options,
}: LoaderOptions<PluginOptions>) {
  parsePluginOptions(options)
}
