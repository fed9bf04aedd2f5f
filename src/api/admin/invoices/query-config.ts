import {
  INVOICE_COMMENT_FIELDS,
  INVOICE_FIELDS,
  INVOICE_LINE_FIELDS,
} from "../../../workflows/invoice/utils/invoice-fields"

/** The fields of an invoice in every response. */
export const defaultAdminInvoiceFields = [
  ...INVOICE_FIELDS,
  "created_at",
  "msi_invoice_sync.status",
  "msi_invoice_sync.salesforce_id",
  "msi_invoice_sync.salesforce_url",
  "msi_invoice_sync.error_message",
  "msi_invoice_sync.error_code",
]

/** The detail adds lines, comments and the order it bills. */
export const detailAdminInvoiceFields = [
  ...defaultAdminInvoiceFields,
  ...INVOICE_LINE_FIELDS,
  "lines.line_item_id",
  "lines.rank",
  ...INVOICE_COMMENT_FIELDS,
  "comments.author_id",
  "order.id",
  "order.display_id",
  "order.status",
  "order.email",
]

export const retrieveTransformQueryConfig = {
  defaults: detailAdminInvoiceFields,
  isList: false,
}

export const listTransformQueryConfig = {
  defaults: defaultAdminInvoiceFields,
  defaultLimit: 20,
  isList: true,
}
