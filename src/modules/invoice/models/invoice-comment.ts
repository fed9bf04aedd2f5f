import { model } from "@medusajs/framework/utils"
import Invoice from "./invoice"

const InvoiceComment = model.define(
  { name: "msi_invoice_comment", tableName: "msi_invoice_comment" },
  {
    id: model.id({ prefix: "invc" }).primaryKey(),
    text: model.text(),
    // Kept as written at the time: the author's account may change or go away later.
    author_id: model.text().nullable(),
    author_name: model.text(),
    invoice: model.belongsTo(() => Invoice, { mappedBy: "comments" }),
  }
)

export default InvoiceComment
