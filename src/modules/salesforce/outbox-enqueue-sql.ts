/**
 * Queueing documents in the outbox set-based: one statement for any number of rows, in the order given (the
 * claim takes rows by `seq`, so a credit note's original queued before it is sent before it). Runs inside the
 * caller's transaction.
 */
import { entityIds } from "../../utils/entity-ids"
import { CATCH_UP_CANDIDATES_PAGE } from "../../queries/catch-up-candidates"
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

/** Documents a catch-up queues per statement: one keyset page of the invoice table. */
export const CATCH_UP_PAGE = 1000

/** Any constant: the key of the advisory lock a catch-up holds while it queues (see insertCatchUpPage). */
export const CATCH_UP_LOCK_KEY = 727_002

/**
 * Queues one page of the catch-up inside the database, as one INSERT ... SELECT: the next `limit` invoice documents
 * after `afterId` that the catch-up must send (queries/catch-up-candidates.ts), in id order. Nothing crosses to the
 * process but the page's count and last id, whatever the size of the store. The caller holds CATCH_UP_LOCK_KEY
 * for its transaction, so a second catch-up queues after the first committed, and then finds its rows waiting:
 * no document is queued twice. Returns the last invoice id of the page, or null when nothing was left.
 */
export async function insertCatchUpPage(
  exec: SqlExecutor,
  {
    runId,
    startedBy,
    afterId,
    limit = CATCH_UP_PAGE,
  }: {
    runId: string
    startedBy: string | null
    afterId: string
    limit?: number
  }
): Promise<{ count: number; lastId: string | null }> {
  const ids = entityIds("sobx", limit)
  const rows = await exec.bound(
    `WITH page AS (
       SELECT i.id, row_number() OVER (ORDER BY i.id) AS ord FROM (
         ${CATCH_UP_CANDIDATES_PAGE}) i),
     new_ids AS (
       SELECT value AS id, ordinality AS ord FROM jsonb_array_elements_text(?::jsonb) WITH ORDINALITY),
     queued AS (
       INSERT INTO msi_sync_outbox (id, invoice_id, run_id, trigger, started_by, status)
       SELECT n.id, p.id, ?, 'catch_up', ?, 'pending'
       FROM page p JOIN new_ids n ON n.ord = p.ord
       ORDER BY p.ord
       RETURNING invoice_id)
     SELECT count(*)::int AS count, max(invoice_id) AS last_id FROM queued`,
    [afterId, limit, JSON.stringify(ids), runId, startedBy]
  )
  const count = Number(rows[0]?.count ?? 0)
  return { count, lastId: count ? String(rows[0].last_id) : null }
}
