/**
 * Bulk API 2.0 batches in PostgreSQL: which outbox rows go as one (their `bulk_batch_id`), the jobs each batch
 * created (msi_bulk_job), and taking over a batch whose drain died. Each function runs inside the caller's
 * transaction, under the same claim lock as outbox-sql.ts, so no document is in two batches and no batch has
 * two drains.
 *
 * A bulk batch keeps the outbox's lease rules: its rows are claimed under one owner and lease, renewed while the
 * jobs run, and fenced at the commit. When the lease runs out its rows are not given back one by one (as a REST
 * batch's are): the next drain takes them all over, polls the jobs the batch stored and creates none it has.
 */
import { generateEntityId } from "@medusajs/framework/utils"
import {
  CLAIM_LOCK_KEY,
  CLAIMED_INVOICES,
  claimOutboxBatch,
  OutboxClaim,
  SqlExecutor,
} from "./outbox-sql"

const ms = "(? * interval '1 millisecond')"

export type BulkBatchClaim = {
  batch_id: string
  /** True when the batch was another drain's, which died: its stored jobs are polled, not created again. */
  resumed: boolean
  claims: OutboxClaim[]
}

/** A job a bulk batch created for one step of its plan. */
export type BulkJobRow = {
  step: string
  object: string
  job_id: string
  state: string
}

/**
 * Takes over the oldest bulk batch whose lease ran out: all its rows still claimed, for `owner`, and marks its runs
 * interrupted (they finish as such, as a REST batch's do). Null when there is none.
 */
export async function resumeBulkBatch(
  exec: SqlExecutor,
  { owner, leaseMs }: { owner: string; leaseMs: number }
): Promise<BulkBatchClaim | null> {
  await exec(`SELECT pg_advisory_xact_lock(?)`, [CLAIM_LOCK_KEY])
  const rows = (await exec(
    `WITH batch AS (
       SELECT bulk_batch_id FROM msi_sync_outbox
       WHERE status = 'claimed' AND bulk_batch_id IS NOT NULL AND lease_until < now() AND deleted_at IS NULL
       ORDER BY seq LIMIT 1)
     UPDATE msi_sync_outbox o
       SET lease_owner = ?, lease_until = now() + ${ms}, claims = o.claims + 1, updated_at = now()
     FROM batch
     WHERE o.bulk_batch_id = batch.bulk_batch_id AND o.status = 'claimed' AND o.deleted_at IS NULL
     RETURNING o.id, o.invoice_id, o.run_id, o.trigger, o.started_by, o.claims, o.failures, o.last_error, o.seq,
       o.bulk_batch_id`,
    [owner, leaseMs]
  )) as (OutboxClaim & { seq: number; bulk_batch_id: string })[]
  if (!rows.length) return null
  rows.sort((a, b) => a.seq - b.seq)
  await exec(
    `UPDATE msi_sync_run SET status = 'interrupted', updated_at = now()
     WHERE id IN (?) AND finished_at IS NULL`,
    [[...new Set(rows.map((r) => r.run_id))]]
  )
  return {
    batch_id: rows[0].bulk_batch_id,
    resumed: true,
    claims: rows.map(({ seq: _, bulk_batch_id: __, ...claim }) => claim),
  }
}

/**
 * Claims a new bulk batch when the next document to send belongs to a run with more than `threshold` documents
 * still pending: up to `limit` of that run's rows, oldest first. Null otherwise (the drain claims a REST batch).
 */
export async function claimNewBulkBatch(
  exec: SqlExecutor,
  {
    owner,
    leaseMs,
    threshold,
    limit,
  }: { owner: string; leaseMs: number; threshold: number; limit: number }
): Promise<BulkBatchClaim | null> {
  await exec(`SELECT pg_advisory_xact_lock(?)`, [CLAIM_LOCK_KEY])
  const [next] = (await exec(
    `WITH next AS (
       SELECT o.run_id FROM msi_sync_outbox o
       WHERE o.status = 'pending' AND o.deleted_at IS NULL
         AND o.invoice_id NOT IN (${CLAIMED_INVOICES})
       ORDER BY o.seq LIMIT 1)
     SELECT next.run_id, (
       SELECT count(*) FROM (
         SELECT 1 FROM msi_sync_outbox p
         WHERE p.run_id = next.run_id AND p.status = 'pending' AND p.deleted_at IS NULL
         LIMIT ?) AS bounded)::int AS pending
     FROM next WHERE next.run_id IS NOT NULL`,
    [threshold + 1]
  )) as { run_id: string; pending: number }[]
  if (!next || next.pending <= threshold) return null
  const batchId = generateEntityId(undefined, "sbulk")
  const claims = await claimOutboxBatch(exec, {
    owner,
    limit,
    leaseMs,
    runId: next.run_id,
    bulkBatchId: batchId,
  })
  return claims.length ? { batch_id: batchId, resumed: false, claims } : null
}

/** Extends the lease of a bulk batch `owner` still holds; answers whether it does. */
export async function renewBulkLease(
  exec: SqlExecutor,
  {
    owner,
    batchId,
    leaseMs,
  }: { owner: string; batchId: string; leaseMs: number }
): Promise<boolean> {
  const rows = await exec(
    `UPDATE msi_sync_outbox SET lease_until = now() + ${ms}, updated_at = now()
     WHERE bulk_batch_id = ? AND lease_owner = ? AND status = 'claimed' AND deleted_at IS NULL
     RETURNING id`,
    [leaseMs, batchId, owner]
  )
  return rows.length > 0
}

export async function readBulkJobs(
  exec: SqlExecutor,
  batchId: string
): Promise<BulkJobRow[]> {
  return (await exec(
    `SELECT step, object, job_id, state FROM msi_bulk_job
     WHERE batch_id = ? AND deleted_at IS NULL ORDER BY created_at`,
    [batchId]
  )) as BulkJobRow[]
}

/**
 * Stores (or replaces) the job of one step of the batch, only while `owner` holds the batch: false when it does
 * not (its lease ran out and another drain took over), and then the caller must stop.
 */
export async function saveBulkJob(
  exec: SqlExecutor,
  { owner, batchId, job }: { owner: string; batchId: string; job: BulkJobRow }
): Promise<boolean> {
  const rows = await exec(
    `INSERT INTO msi_bulk_job (id, batch_id, step, object, job_id, state)
     SELECT ?, ?, ?, ?, ?, ?
     WHERE EXISTS (
       SELECT 1 FROM msi_sync_outbox
       WHERE bulk_batch_id = ? AND lease_owner = ? AND status = 'claimed' AND deleted_at IS NULL)
     ON CONFLICT (batch_id, step) WHERE deleted_at IS NULL DO UPDATE SET
       object = excluded.object, job_id = excluded.job_id, state = excluded.state, updated_at = now()
     RETURNING id`,
    [
      generateEntityId(undefined, "sbjob"),
      batchId,
      job.step,
      job.object,
      job.job_id,
      job.state,
      batchId,
      owner,
    ]
  )
  return rows.length > 0
}

/** Forgets the jobs of batches older than `before` (their results are in the sync log by then). */
export async function pruneBulkJobs(
  exec: SqlExecutor,
  before: Date
): Promise<void> {
  await exec(`DELETE FROM msi_bulk_job WHERE created_at < ?`, [before])
}
