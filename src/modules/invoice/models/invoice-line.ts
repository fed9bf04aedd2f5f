import { model } from "@medusajs/framework/utils"
import Invoice from "./invoice"

const InvoiceLine = model.define(
  { name: "msi_invoice_line", tableName: "msi_invoice_line" },
  {
    id: model.id({ prefix: "invl" }).primaryKey(),
    // "item" bills an order line item, "shipping" a shipping method.
    kind: model.enum(["item", "shipping"]).default("item"),
    // The order line item this line bills; null for shipping.
    line_item_id: model.text().nullable(),
    shipping_method_id: model.text().nullable(),
    // On a credit note: the invoice line it credits.
    original_line_id: model.text().nullable(),
    title: model.text(),
    sku: model.text().nullable(),
    quantity: model.bigNumber(),
    unit_price: model.bigNumber(),
    // Whether unit_price includes tax (as Medusa priced the line).
    is_tax_inclusive: model.boolean().default(false),
    // The line's tax rate in percent (the sum of its tax lines' rates, e.g. 19).
    tax_rate: model.bigNumber(),
    discount_total: model.bigNumber(),
    tax_total: model.bigNumber(),
    total: model.bigNumber(),
    rank: model.number().default(0),
    invoice: model.belongsTo(() => Invoice, { mappedBy: "lines" }),
  }
)

export default InvoiceLine
