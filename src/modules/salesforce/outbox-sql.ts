/**
 * The outbox's concurrency, in PostgreSQL: claims, leases, fencing and once-per-interval job runs. Each function
 * runs inside the caller's transaction (the module service's transaction manager).
 *
 * Why the database and not Medusa's locking module: what is claimed must be the same fact as what is pending,
 * or a claim could outlive the work it guards. A row lock plus a lease column makes the claim part of the row,
 * committed atomically with it, visible to every process, and void by itself when its process dies (the lease
 * runs out; nothing has to be released). The locking module without a provider is in-memory (one process only),
 * and on Redis its lock and our rows are two stores that can disagree after a crash. `FOR UPDATE SKIP LOCKED` lets
 * many drains claim at once without waiting on each other's rows; one transaction-scoped advisory lock around the
 * short claim statement makes "no document in two batches at once" hold as well, since the statement then sees every
 * earlier claim committed (a row lock alone cannot see a concurrent claim of another row of the same document).
 */
import { generateEntityId } from "@medusajs/framework/utils"

export type SqlExecutor = ((
  sql: string,
  params?: unknown[]
) => Promise<Record<string, unknown>[]>) & {
  /**
   * The same statement with its parameters sent to PostgreSQL as values (`$1`...), never written into the
   * statement text: for a large JSON parameter (see sql-json.ts). Arrays are not expanded into lists here.
   */
  bound: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>
}

/** One claimed outbox row. */
export type OutboxClaim = {
  id: string
  invoice_id: string
  run_id: string
  trigger: string
  started_by: string | null
  claims: number
  /** Times a drain failed on this row before (noteOutboxFailure); at MAX_FAILURES it is set aside, not sent. */
  failures: number
  /** Why the last of them failed: short, without customer data. */
  last_error: string | null
}

/**
 * How many failures a row takes before the drain sets it aside (records it as failed with its last reason, and
 * marks it done) instead of sending it again: one document that cannot be recorded or sent must not be sent every
 * minute for ever, nor hold back the documents queued after it. Retry queues it again, as a new row.
 */
export const MAX_FAILURES = 3

/** Any constant: the key of the advisory lock held for the duration of one claim statement. */
export const CLAIM_LOCK_KEY = 727_001

const ms = "(? * interval '1 millisecond')"

/**
 * The documents some drain holds, for a claim to skip. As `NOT IN (this)` PostgreSQL reads them once into a hash
 * (a hashed SubPlan); a correlated NOT EXISTS let the planner, on statistics from before a large enqueue (the table
 * looked empty), scan every claimed row for every pending one: 1,000 x 1,000 rows for the second REST batch of a
 * run, growing with the square of the batch. invoice_id is never null, so NOT IN means what NOT EXISTS meant.
 */
export const CLAIMED_INVOICES = `SELECT c.invoice_id FROM msi_sync_outbox c
           WHERE c.status = 'claimed' AND c.deleted_at IS NULL`

/**
 * Claims up to `limit` pending rows, oldest first, skipping documents another drain holds; expired leases are
 * reclaimed first. Rows without a run (automatic ones) get one new automatic run together.
 */
export async function claimOutboxBatch(
  exec: SqlExecutor,
  {
    owner,
    limit,
    leaseMs,
    onlyTrigger,
    runId,
    bulkBatchId = null,
  }: {
    owner: string
    limit: number
    leaseMs: number
    /** Claims only rows of this trigger (while the API budget pauses syncing, Retries still go). */
    onlyTrigger?: string
    /** Only rows of this run (a bulk batch is one run's documents). */
    runId?: string
    /** Marks the rows as one Bulk API 2.0 batch (see bulk-sql.ts). */
    bulkBatchId?: string | null
  }
): Promise<OutboxClaim[]> {
  await reclaimExpiredLeases(exec)
  await exec(`SELECT pg_advisory_xact_lock(?)`, [CLAIM_LOCK_KEY])
  const claimable = `o.status = 'pending' AND o.deleted_at IS NULL ${runId ? "AND o.run_id = ?" : ""}
         AND (?::text IS NULL OR o.trigger = ?)
         AND o.invoice_id NOT IN (${CLAIMED_INVOICES})`
  const filters = [
    ...(runId ? [runId] : []),
    onlyTrigger ?? null,
    onlyTrigger ?? null,
  ]
  // A row a drain failed on before goes alone, when its turn comes: whatever failed it fails it alone, and its
  // batch-mates are not held back. So it joins no batch, and a batch is this row alone when it is the oldest.
  const rows = (await exec(
    `WITH head AS (
       SELECT o.failures > 0 AS suspect FROM msi_sync_outbox o WHERE ${claimable}
       ORDER BY o.seq LIMIT 1),
     picked AS (
       SELECT o.id FROM msi_sync_outbox o
       WHERE ${claimable}
         AND (o.failures = 0 OR coalesce((SELECT suspect FROM head), false))
       ORDER BY o.seq
       LIMIT CASE WHEN coalesce((SELECT suspect FROM head), false) THEN 1 ELSE ? END
       FOR UPDATE SKIP LOCKED)
     UPDATE msi_sync_outbox o
       SET status = 'claimed', lease_owner = ?, lease_until = now() + ${ms},
           claims = o.claims + 1, bulk_batch_id = ?, updated_at = now()
       FROM picked WHERE o.id = picked.id
     RETURNING o.id, o.invoice_id, o.run_id, o.trigger, o.started_by, o.claims, o.failures, o.last_error, o.seq`,
    [...filters, ...filters, limit, owner, leaseMs, bulkBatchId]
  )) as (OutboxClaim & { seq: number; run_id: string | null })[]
  rows.sort((a, b) => a.seq - b.seq)

  const unassigned = rows.filter((r) => !r.run_id)
  if (unassigned.length) {
    const runId = generateEntityId(undefined, "srun")
    await exec(
      `INSERT INTO msi_sync_run (id, trigger, started_by, status, total, synced, failed)
       VALUES (?, 'automatic', NULL, 'running', ?, 0, 0)`,
      [runId, unassigned.length]
    )
    await exec(`UPDATE msi_sync_outbox SET run_id = ? WHERE id IN (?)`, [
      runId,
      unassigned.map((r) => r.id),
    ])
    for (const row of unassigned) row.run_id = runId
  }
  return rows.map(({ seq: _, ...row }) => row as OutboxClaim)
}

/** Extends the lease of rows `owner` still holds; answers the ids it still holds. */
export async function renewOutboxLease(
  exec: SqlExecutor,
  { owner, ids, leaseMs }: { owner: string; ids: string[]; leaseMs: number }
): Promise<string[]> {
  if (!ids.length) return []
  const rows = await exec(
    `UPDATE msi_sync_outbox SET lease_until = now() + ${ms}, updated_at = now()
     WHERE id IN (?) AND lease_owner = ? AND status = 'claimed'
     RETURNING id`,
    [leaseMs, ids, owner]
  )
  return rows.map((r) => String(r.id))
}

export async function releaseOutboxClaim(
  exec: SqlExecutor,
  { owner, ids }: { owner: string; ids: string[] }
): Promise<void> {
  if (!ids.length) return
  await exec(
    `UPDATE msi_sync_outbox
       SET status = 'pending', lease_owner = NULL, lease_until = NULL, bulk_batch_id = NULL, updated_at = now()
     WHERE id IN (?) AND lease_owner = ? AND status = 'claimed'`,
    [ids, owner]
  )
}

/**
 * Gives rows `owner` still holds back to the outbox after a drain failed on them (their commit, or their batch's
 * send or commit, threw for a reason that is not transient), counting the failure and keeping its reason: the
 * next claim takes each of them alone, and past MAX_FAILURES the drain sets it aside.
 */
export async function noteOutboxFailure(
  exec: SqlExecutor,
  { owner, ids, reason }: { owner: string; ids: string[]; reason: string }
): Promise<void> {
  if (!ids.length) return
  await exec(
    `UPDATE msi_sync_outbox
       SET status = 'pending', lease_owner = NULL, lease_until = NULL, bulk_batch_id = NULL,
           failures = failures + 1, last_error = ?, updated_at = now()
     WHERE id IN (?) AND lease_owner = ? AND status = 'claimed'`,
    [reason, ids, owner]
  )
}

/**
 * Rows whose lease ran out (their drain died or stalled) go back to pending, and their runs are marked
 * interrupted: they finish as interrupted once the rows are sent again. Returns the interrupted run ids. Rows of a
 * Bulk API 2.0 batch stay claimed: the next drain takes the batch over whole, with its jobs (bulk-sql.ts).
 */
export async function reclaimExpiredLeases(
  exec: SqlExecutor
): Promise<string[]> {
  const rows = await exec(
    `WITH expired AS (
       UPDATE msi_sync_outbox SET status = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE status = 'claimed' AND lease_until < now() AND deleted_at IS NULL AND bulk_batch_id IS NULL
       RETURNING run_id)
     UPDATE msi_sync_run SET status = 'interrupted', updated_at = now()
     WHERE id IN (SELECT run_id FROM expired) AND finished_at IS NULL
     RETURNING id`
  )
  return rows.map((r) => String(r.id))
}

/** Marks done the rows `owner` still holds (the fence: a drain whose lease ran out writes nothing). */
export async function fenceOutboxRows(
  exec: SqlExecutor,
  { owner, ids }: { owner: string; ids: string[] }
): Promise<string[]> {
  if (!ids.length) return []
  const rows = await exec(
    `UPDATE msi_sync_outbox
       SET status = 'done', done_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
     WHERE id IN (?) AND lease_owner = ? AND status = 'claimed'
     RETURNING id`,
    [ids, owner]
  )
  return rows.map((r) => String(r.id))
}

/** How many of these rows are done. */
export async function countDoneOutboxRows(
  exec: SqlExecutor,
  ids: string[]
): Promise<number> {
  if (!ids.length) return 0
  const [row] = await exec(
    `SELECT count(*)::int AS done FROM msi_sync_outbox
     WHERE id IN (?) AND status = 'done' AND deleted_at IS NULL`,
    [ids]
  )
  return Number(row.done)
}

/** Adds a batch's counts to its runs and finishes the runs that have nothing left in the outbox. */
export async function countIntoRuns(
  exec: SqlExecutor,
  counts: Map<string, { synced: number; failed: number }>
): Promise<string[]> {
  for (const [runId, { synced, failed }] of counts) {
    await exec(
      `UPDATE msi_sync_run SET synced = synced + ?, failed = failed + ?, updated_at = now() WHERE id = ?`,
      [synced, failed, runId]
    )
  }
  if (!counts.size) return []
  const finished = await exec(
    `UPDATE msi_sync_run r
       SET status = CASE WHEN r.status = 'interrupted' THEN 'interrupted' ELSE 'completed' END,
           finished_at = now(), updated_at = now()
     WHERE r.id IN (?) AND r.finished_at IS NULL
       AND NOT EXISTS (
         SELECT 1 FROM msi_sync_outbox o
         WHERE o.run_id = r.id AND o.status <> 'done' AND o.deleted_at IS NULL)
     RETURNING r.id`,
    [[...counts.keys()]]
  )
  // The runs this batch finished: each is finished exactly once (finished_at IS NULL above), so it alerts once.
  return finished.map((r) => String(r.id))
}

/**
 * Marks the connection failing. True only when it was working: the conditional update decides between drains
 * that fail at the same moment, so the change of state is recorded, and alerted, once.
 */
export async function markConnectionFailing(
  exec: SqlExecutor,
  message: string,
  at: Date
): Promise<boolean> {
  const changed = await exec(
    `UPDATE msi_salesforce_settings SET connection_error = ?, connection_checked_at = ?, updated_at = now()
     WHERE id = 'default' AND connection_error IS NULL RETURNING id`,
    [message, at]
  )
  if (!changed.length) {
    await exec(
      `UPDATE msi_salesforce_settings SET connection_error = ?, connection_checked_at = ?, updated_at = now()
       WHERE id = 'default'`,
      [message, at]
    )
  }
  return changed.length > 0
}

/** Why syncing pauses: Salesforce refused a call for the daily limit, or our own API budget is used up. */
export type PauseKind = "daily_limit" | "api_budget"

/**
 * Pauses syncing until `until`, for `kind`, with the reason the admin reads. True only when this is a change of
 * state: syncing was not paused, and the last pause (kept until a guarded batch goes through, see clearPause) was
 * not for the same reason. So a budget that is still spent when its pause is rechecked raises no second alert.
 */
export async function pauseSync(
  exec: SqlExecutor,
  until: Date,
  kind: PauseKind = "daily_limit",
  reason: string | null = null
): Promise<boolean> {
  const changed = await exec(
    `UPDATE msi_salesforce_settings SET paused_until = ?, pause_kind = ?, pause_reason = ?, updated_at = now()
     WHERE id = 'default' AND (paused_until IS NULL OR paused_until <= now())
       AND pause_kind IS DISTINCT FROM ? RETURNING id`,
    [until, kind, reason, kind]
  )
  if (!changed.length) {
    await exec(
      `UPDATE msi_salesforce_settings SET paused_until = ?, pause_kind = ?, pause_reason = ?, updated_at = now()
       WHERE id = 'default'`,
      [until, kind, reason]
    )
  }
  return changed.length > 0
}

/** Syncing went through again: forget a pause that is over (not one another drain just started). */
export async function clearPause(exec: SqlExecutor): Promise<void> {
  await exec(
    `UPDATE msi_salesforce_settings SET paused_until = NULL, pause_kind = NULL, pause_reason = NULL, updated_at = now()
     WHERE id = 'default' AND pause_kind IS NOT NULL AND (paused_until IS NULL OR paused_until <= now())`
  )
}

/**
 * Takes this interval's run of a scheduled job: one atomic statement, so of all the workers whose scheduler fires
 * the job, exactly one gets `claimed`. `first` says the job had never run (its clock starts now).
 */
export async function claimScheduledJob(
  exec: SqlExecutor,
  name: string,
  intervalMs: number
): Promise<{ claimed: boolean; first: boolean }> {
  const rows = await exec(
    `INSERT INTO msi_scheduled_job_claim (id, last_run_at) VALUES (?, now())
     ON CONFLICT (id) DO UPDATE SET last_run_at = now(), updated_at = now()
       WHERE msi_scheduled_job_claim.last_run_at <= now() - ${ms}
     RETURNING (xmax = 0) AS first`,
    [name, intervalMs]
  )
  return { claimed: rows.length > 0, first: rows[0]?.first === true }
}
