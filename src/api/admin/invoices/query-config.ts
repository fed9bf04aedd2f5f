/** The fields of an invoice in every response. */
export const defaultAdminInvoiceFields = [
  "id",
  "number",
  "type",
  "order_id",
  "order_display_id",
  "customer_id",
  "customer_email",
  "customer_name",
  "currency_code",
  "subtotal",
  "discount_total",
  "shipping_total",
  "tax_total",
  "total",
  "issued_at",
  "original_invoice_id",
  "created_at",
  "invoice_sync.status",
  "invoice_sync.salesforce_id",
  "invoice_sync.salesforce_url",
  "invoice_sync.error_message",
]

/** The detail adds lines, comments and the order it bills. */
export const detailAdminInvoiceFields = [
  ...defaultAdminInvoiceFields,
  "lines.id",
  "lines.line_item_id",
  "lines.title",
  "lines.sku",
  "lines.quantity",
  "lines.unit_price",
  "lines.discount_total",
  "lines.tax_total",
  "lines.total",
  "lines.rank",
  "comments.id",
  "comments.text",
  "comments.author_id",
  "comments.author_name",
  "comments.created_at",
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
