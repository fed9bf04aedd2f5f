import { Module } from "@medusajs/framework/utils"
import { INVOICE_MODULE } from "./joiner-config"
import validateOptionsLoader from "./loaders/validate-options"
import InvoiceModuleService from "./service"

export { INVOICE_MODULE } from "./joiner-config"

export default Module(INVOICE_MODULE, {
  service: InvoiceModuleService,
  loaders: [validateOptionsLoader],
})

export * from "./types"
// For a store's own code: resolve the service by the key above and type it with this.
export { default as InvoiceModuleService } from "./service"
