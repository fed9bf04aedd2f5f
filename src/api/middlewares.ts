import { defineMiddlewares } from "@medusajs/framework/http"
import { adminInvoiceRoutesMiddlewares } from "./admin/invoices/middlewares"
import { adminRoutePolicies } from "./admin/route-policies"
import { adminSalesforceRoutesMiddlewares } from "./admin/salesforce/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminRoutePolicies,
    ...adminInvoiceRoutesMiddlewares,
    ...adminSalesforceRoutesMiddlewares,
  ],
})
