/** Reads of our tables during the soak (progress and what is still pending), by SQL on the throw-away database. */
import { Client } from "pg"

/** The first of `names` that exists: tables may carry the plugin's `msi_` prefix. */
export async function table(db: Client, ...names: string[]): Promise<string> {
  const { rows } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)",
    [names]
  )
  const found = names.find((n) => rows.some((r) => r.table_name === n))
  if (!found) throw new Error(`none of the tables ${names.join(", ")} exists`)
  return `"${found}"`
}

/** The outbox of the durable sync engine, when this version has one. */
export async function outboxTable(db: Client): Promise<string | null> {
  return table(db, "msi_sync_outbox").catch(() => null)
}

export type Progress = {
  orders: number
  invoices: number
  synced: number
  runningRuns: number
  /** Outbox rows not done yet (0 without an outbox). */
  queued: number
}

export async function connect(databaseUrl: string): Promise<Client> {
  const db = new Client({ connectionString: databaseUrl })
  await db.connect()
  return db
}

export async function progress(db: Client): Promise<Progress> {
  const invoice = await table(db, "msi_invoice", "invoice")
  const sync = await table(db, "msi_invoice_sync", "invoice_sync")
  const run = await table(db, "msi_sync_run", "sync_run")
  const outbox = await outboxTable(db)
  const {
    rows: [row],
  } = await db.query<{
    orders: string
    invoices: string
    synced: string
    running: string
    queued: string
  }>(
    `SELECT (SELECT count(*) FROM "order" WHERE deleted_at IS NULL) AS orders,
            (SELECT count(*) FROM ${invoice} WHERE deleted_at IS NULL) AS invoices,
            (SELECT count(*) FROM ${sync} WHERE deleted_at IS NULL AND status = 'synced') AS synced,
            (SELECT count(*) FROM ${run} WHERE deleted_at IS NULL AND (status = 'running' OR finished_at IS NULL)) AS running,
            ${outbox ? `(SELECT count(*) FROM ${outbox} WHERE deleted_at IS NULL AND status <> 'done')` : "0"} AS queued`
  )
  return {
    orders: Number(row.orders),
    invoices: Number(row.invoices),
    synced: Number(row.synced),
    runningRuns: Number(row.running),
    queued: Number(row.queued),
  }
}

export async function invoiceIds(db: Client): Promise<string[]> {
  const invoice = await table(db, "msi_invoice", "invoice")
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${invoice} WHERE deleted_at IS NULL ORDER BY created_at`
  )
  return rows.map((r) => r.id)
}

/**
 * Runs the scheduled catch-up started (no admin started them), per minute: with the catch-up every minute, more
 * than one in a minute means two workers acted on the same interval.
 */
export async function scheduledCatchUpsPerMinute(
  db: Client
): Promise<{ minute: string; runs: number }[]> {
  const run = await table(db, "msi_sync_run", "sync_run")
  const { rows } = await db.query<{ minute: Date; runs: string }>(
    `SELECT date_trunc('minute', created_at) AS minute, count(*) AS runs FROM ${run}
      WHERE deleted_at IS NULL AND trigger = 'catch_up' AND started_by IS NULL
      GROUP BY 1 ORDER BY 1`
  )
  return rows.map((r) => ({
    minute: r.minute.toISOString().slice(11, 16),
    runs: Number(r.runs),
  }))
}
