import type { LoaderOptions } from "@medusajs/framework/types"
import { asValue } from "@medusajs/framework/awilix"
import { SalesforceClient } from "../lib/client"
import { parsePluginOptions, type PluginOptions } from "../../../plugin-options"

/**
 * (Not named "connectionLoader": Medusa reserves that name for the module's database connection.)
 *
 * Checks the plugin options (a bad one stops the store from starting, with a message naming it) and registers
 * the Salesforce client in the module's container, built once from them. Without a connection the store runs
 * and every sync says Salesforce is not configured.
 */
export default async function salesforceClientLoader({
  container,
  options,
}: LoaderOptions<PluginOptions>) {
  const { connection } = parsePluginOptions(options).salesforce
  container.register({
    salesforceClient: asValue(
      connection ? new SalesforceClient(connection) : null
    ),
  })
}
