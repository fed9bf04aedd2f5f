import { model } from "@medusajs/framework/utils"

export const INVOICE_SYNC_STATUSES = ["synced", "failed", "outdated"] as const

/** Where an invoice stands in Salesforce: one row per invoice once it has been tried. */
const InvoiceSync = model
  .define(
    { name: "msi_invoice_sync", tableName: "msi_invoice_sync" },
    {
      id: model.id({ prefix: "isync" }).primaryKey(),
      invoice_id: model.text(),
      status: model.enum([...INVOICE_SYNC_STATUSES]),
      salesforce_id: model.text().nullable(),
      salesforce_url: model.text().nullable(),
      // Fingerprint of the records last accepted by Salesforce: a resync that would send the same thing is skipped
      // by the catch-up, a different one marks the invoice outdated.
      synced_hash: model.text().nullable(),
      // Salesforce ids of the lines last sent, by Medusa line id: lines removed in Medusa are deleted from these.
      line_ids: model.json().nullable(),
      synced_at: model.dateTime().nullable(),
      // MD5 (hex) of the PDF last filed on the record, as Salesforce's ContentVersion.Checksum: the same PDF is
      // never uploaded again.
      pdf_checksum: model.text().nullable(),
      // The Salesforce File (ContentDocument) holding the PDF: a changed PDF becomes its next version.
      pdf_document_id: model.text().nullable(),
      error_code: model.text().nullable(),
      error_message: model.text().nullable(),
      last_attempt_at: model.dateTime().nullable(),
    }
  )
  .indexes([{ on: ["invoice_id"], unique: true }, { on: ["status"] }])

export default InvoiceSync
