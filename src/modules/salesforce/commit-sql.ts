/**
 * A batch's results written set-based: one statement for the sync log (hiding the entries the new ones replace and
 * inserting the new ones), one for the documents' sync state. Each takes its rows as one JSON parameter (the
 * executor would expand an array binding into a list), bound as a value (SqlExecutor.bound: a 10,000-document
 * batch's attempts are about 40 MB of JSON), and runs inside the caller's transaction.
 */
import { entityIds } from "../../utils/entity-ids"
import type { SqlExecutor } from "./outbox-sql"
import type { InvoiceSyncOutcome } from "./types"

/** One sync log entry to write; `amount` as the document holds it. */
export type AttemptRow = {
  run_id: string
  invoice_id: string
  invoice_number: string
  order_id: string
  order_display_id: number
  document_type: string
  amount: number | string
  currency_code: string
  trigger: string
  started_by: string | null
  status: "synced" | "failed"
  error_code: string | null
  error_message: string | null
  duration_ms: number
  salesforce_id: string | null
  salesforce_url?: string | null
  outbox_id?: string | null
  /** What was sent and answered (attempt-detail.ts), as JSON text, already redacted (values, before serialising) and bounded. */
  detail_json?: string | null
  note?: string | null
}

/**
 * Inserts the attempts and keeps `shown_in_log` true on exactly one attempt per invoice: its newest. Failures that
 * a later success resolved are hidden by it; a failure after a success hides that success, so the log shows what
 * is wrong now (with its Retry) and not an older "Successful". Within one call the last attempt of an invoice is the
 * newest. Returns the new attempts' ids, in input order.
 */
export async function insertAttempts(
  exec: SqlExecutor,
  attempts: AttemptRow[]
): Promise<string[]> {
  if (!attempts.length) return []
  const lastOf = new Map<string, number>()
  attempts.forEach((a, i) => lastOf.set(a.invoice_id, i))
  const ids = entityIds("satt", attempts.length)
  const rows = attempts.map(({ detail_json, ...a }, i) => ({
    row: {
      ...a,
      id: ids[i],
      amount: String(a.amount),
      salesforce_url: a.salesforce_url ?? null,
      outbox_id: a.outbox_id ?? null,
      note: a.note ?? null,
      newest: lastOf.get(a.invoice_id) === i,
      ord: i,
    },
    detail_json: detail_json ?? null,
  }))
  // The details are JSON already: each goes into its row as it is, not parsed and written again.
  const json = `[${rows
    .map(({ row, detail_json }) => {
      const text = JSON.stringify(row)
      return detail_json
        ? `${text.slice(0, -1)},"detail":${detail_json}}`
        : text
    })
    .join(",")}]`
  await exec.bound(
    `WITH n AS (
       SELECT * FROM jsonb_to_recordset(?::jsonb) AS n(
         id text, run_id text, invoice_id text, invoice_number text, order_id text, order_display_id integer,
         document_type text, amount numeric, currency_code text, trigger text, started_by text, status text,
         error_code text, error_message text, duration_ms integer, salesforce_id text, salesforce_url text,
         outbox_id text, detail jsonb, note text, newest boolean, ord integer)),
     newest AS (SELECT invoice_id FROM n WHERE newest),
     hidden AS (
       UPDATE msi_sync_attempt a SET shown_in_log = false, updated_at = now()
       FROM newest w
       WHERE a.invoice_id = w.invoice_id AND a.shown_in_log AND a.deleted_at IS NULL
       RETURNING a.id)
     INSERT INTO msi_sync_attempt (
       id, run_id, invoice_id, invoice_number, order_id, order_display_id, document_type, amount, raw_amount,
       currency_code, trigger, started_by, status, error_code, error_message, duration_ms, salesforce_id,
       salesforce_url, outbox_id, detail, note, shown_in_log)
     SELECT n.id, n.run_id, n.invoice_id, n.invoice_number, n.order_id, n.order_display_id, n.document_type,
       n.amount, jsonb_build_object('value', n.amount::text, 'precision', 20), n.currency_code, n.trigger,
       n.started_by, n.status, n.error_code, n.error_message, n.duration_ms, n.salesforce_id, n.salesforce_url,
       n.outbox_id, n.detail, n.note, n.newest
     FROM n ORDER BY n.ord`,
    [json]
  )
  return rows.map((r) => r.row.id)
}

/**
 * Each document's sync state from its outcome, inserted or updated in one statement. A failed resync keeps the
 * record, URL and line ids it already has in Salesforce, unless the failure came after its records went through
 * (the outcome then carries their line ids). The PDF's checksum and File change only when the outcome has them.
 */
export async function upsertInvoiceSyncs(
  exec: SqlExecutor,
  outcomes: InvoiceSyncOutcome[]
): Promise<void> {
  if (!outcomes.length) return
  const byInvoice = new Map(outcomes.map((o) => [o.invoice_id, o]))
  const ids = entityIds("isync", byInvoice.size)
  const rows = [...byInvoice.values()].map((o, i) => {
    const sent = o.status === "synced" || o.line_ids !== null
    return {
      id: ids[i],
      invoice_id: o.invoice_id,
      status: o.status,
      salesforce_id: sent ? o.salesforce_id : null,
      salesforce_url: sent ? o.salesforce_url : null,
      line_ids: sent ? (o.line_ids ?? {}) : null,
      error_code: o.status === "synced" ? null : o.error_code,
      error_message: o.status === "synced" ? null : o.error_message,
      pdf_checksum: o.pdf?.checksum ?? null,
      pdf_document_id: o.pdf?.document_id ?? null,
    }
  })
  await exec.bound(
    `INSERT INTO msi_invoice_sync (
       id, invoice_id, status, salesforce_id, salesforce_url, line_ids, synced_at, error_code, error_message,
       last_attempt_at, pdf_checksum, pdf_document_id)
     SELECT s.id, s.invoice_id, s.status, s.salesforce_id, s.salesforce_url, s.line_ids,
       CASE WHEN s.status = 'synced' THEN now() END, s.error_code, s.error_message, now(), s.pdf_checksum,
       s.pdf_document_id
     FROM jsonb_to_recordset(?::jsonb) AS s(
       id text, invoice_id text, status text, salesforce_id text, salesforce_url text,
       line_ids jsonb, error_code text, error_message text, pdf_checksum text, pdf_document_id text)
     ON CONFLICT (invoice_id) WHERE deleted_at IS NULL DO UPDATE SET
       status = excluded.status,
       last_attempt_at = excluded.last_attempt_at,
       error_code = excluded.error_code,
       error_message = excluded.error_message,
       -- excluded.line_ids is null exactly when the records did not go through (see sent above).
       salesforce_id = CASE WHEN excluded.line_ids IS NOT NULL THEN excluded.salesforce_id
         ELSE msi_invoice_sync.salesforce_id END,
       salesforce_url = CASE WHEN excluded.line_ids IS NOT NULL THEN excluded.salesforce_url
         ELSE msi_invoice_sync.salesforce_url END,
       line_ids = COALESCE(excluded.line_ids, msi_invoice_sync.line_ids),
       pdf_checksum = COALESCE(excluded.pdf_checksum, msi_invoice_sync.pdf_checksum),
       pdf_document_id = COALESCE(excluded.pdf_document_id, msi_invoice_sync.pdf_document_id),
       synced_at = CASE WHEN excluded.status = 'synced' THEN excluded.synced_at
         ELSE msi_invoice_sync.synced_at END,
       updated_at = now()`,
    [JSON.stringify(rows)]
  )
}
