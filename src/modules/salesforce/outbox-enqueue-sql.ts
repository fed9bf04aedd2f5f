/**
 * Queueing documents in the outbox set-based: one statement for any number of rows, in the order given (the
 * claim takes rows by `seq`, so a credit note's original queued before it is sent before it). Runs inside the
 * caller's transaction.
 */
import { entityIds } from "../../utils/entity-ids"
import type { SqlExecutor } from "./outbox-sql"

export type QueuedOutboxRow = {
  id: string
  invoice_id: string
  run_id: string | null
  trigger: string
  started_by: string | null
  status: "pending"
}

export async function insertOutboxRows(
  exec: SqlExecutor,
  entries: Omit<QueuedOutboxRow, "id" | "status">[]
): Promise<QueuedOutboxRow[]> {
  if (!entries.length) return []
  const ids = entityIds("sobx", entries.length)
  const rows = entries.map((e, ord) => ({
    id: ids[ord],
    invoice_id: e.invoice_id,
    run_id: e.run_id,
    trigger: e.trigger,
    started_by: e.started_by,
    ord,
  }))
  // One JSON parameter, bound: the executor would expand an array binding into a list. ORDER BY gives seq in input
  // order.
  await exec.bound(
    `INSERT INTO msi_sync_outbox (id, invoice_id, run_id, trigger, started_by, status)
     SELECT r.id, r.invoice_id, r.run_id, r.trigger, r.started_by, 'pending'
     FROM jsonb_to_recordset(?::jsonb) AS r(id text, invoice_id text, run_id text, trigger text, started_by text, ord integer)
     ORDER BY r.ord`,
    [JSON.stringify(rows)]
  )
  return rows.map(({ ord: _ord, ...row }) => ({
    ...row,
    status: "pending" as const,
  }))
}
