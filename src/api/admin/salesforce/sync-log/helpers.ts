import type { AdminGetSyncLogParamsType } from "../validators"

type LogFilterInput = Omit<
  AdminGetSyncLogParamsType,
  "limit" | "offset" | "order" | "fields"
>

/**
 * Filters on the attempts for the log: by default one row per invoice document (see SyncAttempt.shown_in_log);
 * `q` matches the invoice number or the order number ("#12" or "12").
 */
export function syncLogFilters({
  q,
  type,
  all_attempts,
  ...rest
}: LogFilterInput): Record<string, unknown> {
  const filters: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined)
  )
  if (!all_attempts) {
    filters.shown_in_log = true
  }
  if (type) {
    filters.document_type = type
  }
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const or: Record<string, unknown>[] = [{ invoice_number: { $ilike: like } }]
    const orderNumber = q.replace(/^#/, "")
    if (/^\d{1,9}$/.test(orderNumber)) {
      or.push({ order_display_id: Number(orderNumber) })
    }
    filters.$or = or
  }
  return filters
}
