import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import InvoiceModule from "../modules/invoice"

// order.msi_invoices, the inverse of invoice-order.ts over the same order_id column; prefixed so an invoice
// plugin's own order link (the invoice-generator recipe has one) cannot take the name.
export default defineLink(
  { linkable: OrderModule.linkable.order, field: "id" },
  {
    ...InvoiceModule.linkable.msiInvoice.id,
    primaryKey: "order_id",
  },
  { readOnly: true, isList: true }
)
