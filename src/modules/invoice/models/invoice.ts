import { model } from "@medusajs/framework/utils"
import InvoiceComment from "./invoice-comment"
import InvoiceLine from "./invoice-line"

export const INVOICE_TYPES = ["invoice", "credit_note"] as const

const Invoice = model
  .define(
    { name: "msi_invoice", tableName: "msi_invoice" },
    {
      id: model.id({ prefix: "inv" }).primaryKey(),
      // Position in its type's series (invoices and credit notes are numbered apart), from the invoice counter; the
      // number is this value formatted.
      sequence: model.number(),
      number: model.text().searchable(),
      type: model.enum([...INVOICE_TYPES]).default("invoice"),
      // What made this document, e.g. "order:<order id>" or "refund:<refund id>". Unique, so the same event
      // delivered twice (or two admins clicking at once) cannot create a second document.
      source_key: model.text(),
      order_id: model.text(),
      order_display_id: model.number().searchable(),
      customer_id: model.text().nullable(),
      customer_email: model.text().searchable().nullable(),
      customer_name: model.text().nullable(),
      // Whether the buyer had an account (false for a guest checkout), for the Salesforce customer matching: a guest
      // is not matched to an existing Contact by an email nobody verified. Null on documents from before it was kept.
      customer_has_account: model.boolean().nullable(),
      currency_code: model.text(),
      subtotal: model.bigNumber(),
      discount_total: model.bigNumber(),
      shipping_total: model.bigNumber(),
      tax_total: model.bigNumber(),
      total: model.bigNumber(),
      // The tax per rate: [{ rate, taxable_base, tax_amount }] as decimal strings, rate in percent. Derived from the
      // lines when the document is made and never changed afterwards, always read with the document and never queried
      // by rate, so a JSON column on the document rather than a table of its own.
      tax_breakdown: model.json(),
      issued_at: model.dateTime(),
      // The calendar date the document is dated, in the store's time zone (YYYY-MM-DD): the date printed and sent.
      issue_date: model.text(),
      // The buyer's billing address as it was when the document was made (name, company, address lines, city, ...).
      billing_address: model.json().nullable(),
      // For a credit note that credits a return's items: the Medusa return, so no other refund credits it again.
      return_id: model.text().nullable(),
      // For a credit note: the invoice it corrects.
      original_invoice_id: model.text().nullable(),
      lines: model.hasMany(() => InvoiceLine, { mappedBy: "invoice" }),
      comments: model.hasMany(() => InvoiceComment, { mappedBy: "invoice" }),
    }
  )
  .cascades({ delete: ["lines", "comments"] })
  .indexes([
    { on: ["number"], unique: true },
    { on: ["type", "sequence"], unique: true },
    { on: ["source_key"], unique: true },
    { on: ["order_id"] },
    { on: ["created_at"] },
  ])

export default Invoice
