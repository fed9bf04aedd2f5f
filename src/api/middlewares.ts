import { defineMiddlewares } from "@medusajs/framework/http"
import { adminInvoiceRoutesMiddlewares } from "./admin/invoices/middlewares"
import { adminSalesforceRoutesMiddlewares } from "./admin/salesforce/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminInvoiceRoutesMiddlewares,
    ...adminSalesforceRoutesMiddlewares,
  ],
})
