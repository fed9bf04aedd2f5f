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
  "customer_has_account",
  "billing_address",
  "currency_code",
  "subtotal",
  "discount_total",
  "shipping_total",
  "tax_total",
  "total",
  "tax_breakdown",
  "issued_at",
  "issue_date",
  "original_invoice_id",
]

export const INVOICE_LINE_FIELDS = [
  "lines.id",
  "lines.kind",
  "lines.line_item_id",
  "lines.shipping_method_id",
  "lines.title",
  "lines.sku",
  "lines.quantity",
  "lines.unit_price",
  "lines.is_tax_inclusive",
  "lines.tax_rate",
  "lines.discount_total",
  "lines.tax_total",
  "lines.total",
  "lines.rank",
]

export const INVOICE_COMMENT_FIELDS = [
  "comments.id",
  "comments.text",
  "comments.author_name",
  "comments.created_at",
]
