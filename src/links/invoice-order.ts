import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import InvoiceModule from "../modules/invoice"

// Read-only: the invoice's own order_id is the link, so there is no link table to keep in step with it.
// invoice -> order
export default defineLink(
  { linkable: InvoiceModule.linkable.msiInvoice, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true }
)
