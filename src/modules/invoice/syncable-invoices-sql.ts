/**
 * The documents as the Salesforce sync reads them (its SyncableInvoice shape: the document, its lines, its
 * comments), in one statement for a whole batch: a thousand documents are one round trip, not an ORM hydration
 * of every line. Amounts come from the exact `raw_` values, as strings.
 */
type Executor = (sql: string, params?: unknown[]) => Promise<unknown>

const amount = (alias: string, column: string) =>
  `COALESCE(${alias}.raw_${column}->>'value', ${alias}.${column}::text)`

const LINE = [
  "'id', l.id",
  "'kind', l.kind",
  "'title', l.title",
  "'sku', l.sku",
  ...[
    "quantity",
    "unit_price",
    "tax_rate",
    "discount_total",
    "tax_total",
    "total",
  ].map((c) => `'${c}', ${amount("l", c)}`),
].join(", ")

const COMMENT =
  "'id', c.id, 'text', c.text, 'author_name', c.author_name, 'created_at', c.created_at"

export const SYNCABLE_INVOICES_SQL = `
  SELECT i.id, i.number, i.type, i.order_id, i.order_display_id, i.customer_id, i.customer_email,
    i.customer_name, i.customer_has_account, i.currency_code,
    ${["subtotal", "discount_total", "shipping_total", "tax_total", "total"]
      .map((c) => `${amount("i", c)} AS ${c}`)
      .join(", ")},
    i.tax_breakdown, i.issued_at, i.issue_date, i.original_invoice_id,
    COALESCE((SELECT json_agg(json_build_object(${LINE}) ORDER BY l.rank, l.created_at, l.id)
      FROM msi_invoice_line l WHERE l.invoice_id = i.id AND l.deleted_at IS NULL), '[]'::json) AS lines,
    COALESCE((SELECT json_agg(json_build_object(${COMMENT}) ORDER BY c.created_at, c.id)
      FROM msi_invoice_comment c WHERE c.invoice_id = i.id AND c.deleted_at IS NULL), '[]'::json) AS comments
  FROM msi_invoice i
  WHERE i.id IN (?) AND i.deleted_at IS NULL`

export async function readSyncableInvoices<T>(
  execute: Executor,
  ids: string[]
): Promise<T[]> {
  if (!ids.length) return []
  return (await execute(SYNCABLE_INVOICES_SQL, [ids])) as T[]
}
