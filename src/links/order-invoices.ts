import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import InvoiceModule from "../modules/invoice"

// order -> invoices, the inverse of invoice-order.ts, over the same order_id column.
export default defineLink(
  { linkable: OrderModule.linkable.order, field: "id" },
  { ...InvoiceModule.linkable.invoice.id, primaryKey: "order_id" },
  { readOnly: true, isList: true }
)
