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

export type Progress = {
  orders: number
  invoices: number
  synced: number
  runningRuns: number
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
  const {
    rows: [row],
  } = await db.query<{
    orders: string
    invoices: string
    synced: string
    running: string
  }>(
    `SELECT (SELECT count(*) FROM "order" WHERE deleted_at IS NULL) AS orders,
            (SELECT count(*) FROM ${invoice} WHERE deleted_at IS NULL) AS invoices,
            (SELECT count(*) FROM ${sync} WHERE deleted_at IS NULL AND status = 'synced') AS synced,
            (SELECT count(*) FROM ${run} WHERE deleted_at IS NULL AND status = 'running') AS running`
  )
  return {
    orders: Number(row.orders),
    invoices: Number(row.invoices),
    synced: Number(row.synced),
    runningRuns: Number(row.running),
  }
}

export async function invoiceIds(db: Client): Promise<string[]> {
  const invoice = await table(db, "msi_invoice", "invoice")
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${invoice} WHERE deleted_at IS NULL ORDER BY created_at`
  )
  return rows.map((r) => r.id)
}
