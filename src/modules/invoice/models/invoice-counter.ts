import { model } from "@medusajs/framework/utils"

/**
 * The last invoice number handed out, one row per numbering series. Incremented inside the transaction that
 * creates the invoices: the row lock orders concurrent creators, and a rollback gives its numbers back, so
 * committed invoices are numbered without gaps and no number is ever used twice.
 */
const InvoiceCounter = model.define(
  { name: "msi_invoice_counter", tableName: "msi_invoice_counter" },
  {
    id: model.text().primaryKey(),
    value: model.number().default(0),
  }
)

export default InvoiceCounter
