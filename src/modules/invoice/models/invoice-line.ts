import { model } from "@medusajs/framework/utils"
import Invoice from "./invoice"

const InvoiceLine = model.define(
  { name: "invoice_line", tableName: "msi_invoice_line" },
  {
    id: model.id({ prefix: "invl" }).primaryKey(),
    // The order line item this line bills; null for a credit note's refund line.
    line_item_id: model.text().nullable(),
    title: model.text(),
    sku: model.text().nullable(),
    quantity: model.bigNumber(),
    unit_price: model.bigNumber(),
    discount_total: model.bigNumber(),
    tax_total: model.bigNumber(),
    total: model.bigNumber(),
    rank: model.number().default(0),
    invoice: model.belongsTo(() => Invoice, { mappedBy: "lines" }),
  }
)

export default InvoiceLine
