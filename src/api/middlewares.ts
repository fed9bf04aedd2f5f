import { defineMiddlewares } from "@medusajs/framework/http"
import { adminInvoiceRoutesMiddlewares } from "./admin/invoices/middlewares"

export default defineMiddlewares({
  routes: [...adminInvoiceRoutesMiddlewares],
})
