import { Module } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "./joiner-config"
import salesforceClientLoader from "./loaders/salesforce-client"
import SalesforceModuleService from "./service"

export { SALESFORCE_MODULE } from "./joiner-config"

export default Module(SALESFORCE_MODULE, {
  service: SalesforceModuleService,
  loaders: [salesforceClientLoader],
})

export * from "./types"
// For a store's own code: resolve the service by the key above and type it with this.
export { default as SalesforceModuleService } from "./service"
