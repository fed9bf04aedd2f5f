/** Events of the invoice domain; the Salesforce sync listens to them. */
export const InvoiceEvents = {
  /** `{ id }` of an invoice or credit note, emitted after it is committed. */
  CREATED: "msi.invoice.created",
  /** `{ id, invoice_id }` of a new comment, emitted after it is committed. */
  COMMENT_CREATED: "msi.invoice.comment_created",
} as const
