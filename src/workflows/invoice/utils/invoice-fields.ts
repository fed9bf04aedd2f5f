/** An invoice document's own fields, as the API and the Salesforce mapping read them through query.graph. */
export const INVOICE_FIELDS = [
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
]

export const INVOICE_LINE_FIELDS = [
  "lines.id",
  "lines.title",
  "lines.sku",
  "lines.quantity",
  "lines.unit_price",
  "lines.discount_total",
  "lines.tax_total",
  "lines.total",
]

export const INVOICE_COMMENT_FIELDS = [
  "comments.id",
  "comments.text",
  "comments.author_name",
  "comments.created_at",
]
