/**
 * The soak's verdict, counted from the emulator's records (what Salesforce holds) and our tables (what Medusa
 * believes), once everything has settled:
 * - duplicates: Salesforce records beyond the first per Medusa id (invoices, lines, and Contacts/Accounts per
 *   customer key);
 * - missing: paid orders without an invoice, and invoices without a synced record (none in Salesforce, or not
 *   marked synced with that record's id in Medusa);
 * - unexplained: attempts without an outcome, failed attempts without a reason, and outbox entries done without
 *   an attempt;
 * - stuck_runs: runs still `running` (or, with the outbox, interrupted and never finished).
 */
import { Client } from "pg"
import type { SObjectRecord } from "salesforce-emulator"
import {
  CUSTOMER_EXTERNAL_ID,
  EXTERNAL_ID,
  INVOICE_LINE_OBJECT,
  INVOICE_OBJECT,
} from "../../src/modules/salesforce/mapping"
import { outboxTable, table } from "./store-db"

export type SoakCounts = {
  duplicates: number
  missing: number
  unexplained: number
  stuck_runs: number
}

export type SoakCountDetails = SoakCounts & {
  orders: number
  invoices: number
  lines: number
  /** Everything behind a non-zero count, for the report: ids and what was wrong with each. */
  findings: string[]
}

type Records = (object: string) => SObjectRecord[]

/** Records beyond the first for each value of `field`, with the values that have them. */
function duplicatesBy(records: SObjectRecord[], field: string) {
  const byKey = new Map<string, string[]>()
  for (const r of records) {
    const key = r[field]
    if (typeof key !== "string" || !key) continue
    byKey.set(key, [...(byKey.get(key) ?? []), String(r.Id)])
  }
  return [...byKey.entries()].filter(([, ids]) => ids.length > 1)
}

export async function countSoak(
  databaseUrl: string,
  records: Records
): Promise<SoakCountDetails> {
  const db = new Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const findings: string[] = []
    const invoiceTable = await table(db, "msi_invoice", "invoice")
    const syncTable = await table(db, "msi_invoice_sync", "invoice_sync")
    const attemptTable = await table(db, "msi_sync_attempt", "sync_attempt")
    const runTable = await table(db, "msi_sync_run", "sync_run")

    // Duplicates: Salesforce's side, whatever Medusa thinks.
    const sfInvoices = records(INVOICE_OBJECT)
    const sfLines = records(INVOICE_LINE_OBJECT)
    let duplicates = 0
    for (const [object, list, field] of [
      [INVOICE_OBJECT, sfInvoices, EXTERNAL_ID],
      [INVOICE_LINE_OBJECT, sfLines, EXTERNAL_ID],
      ["Contact", records("Contact"), CUSTOMER_EXTERNAL_ID],
      ["Account", records("Account"), CUSTOMER_EXTERNAL_ID],
    ] as const) {
      for (const [key, ids] of duplicatesBy(list, field)) {
        duplicates += ids.length - 1
        findings.push(`duplicate ${object} ${field}=${key}: ${ids.join(", ")}`)
      }
    }

    // Missing: every paid order has its invoice, every invoice its record in Salesforce and its sync row.
    const { rows: ordersWithout } = await db.query<{ id: string }>(
      `SELECT o.id FROM "order" o WHERE o.deleted_at IS NULL AND NOT EXISTS
         (SELECT 1 FROM ${invoiceTable} i WHERE i.order_id = o.id AND i.deleted_at IS NULL)`
    )
    for (const { id } of ordersWithout)
      findings.push(`order ${id} has no invoice`)
    const {
      rows: [{ count: orders }],
    } = await db.query<{ count: string }>(
      `SELECT count(*) FROM "order" WHERE deleted_at IS NULL`
    )
    const { rows: invoices } = await db.query<{
      id: string
      number: string
      status: string | null
      salesforce_id: string | null
    }>(
      `SELECT i.id, i.number, s.status, s.salesforce_id FROM ${invoiceTable} i
         LEFT JOIN ${syncTable} s ON s.invoice_id = i.id AND s.deleted_at IS NULL
        WHERE i.deleted_at IS NULL`
    )
    const sfByMedusaId = new Map(
      sfInvoices.map((r) => [String(r[EXTERNAL_ID]), String(r.Id)])
    )
    let missingInvoices = 0
    for (const inv of invoices) {
      const sfId = sfByMedusaId.get(inv.id)
      const problem = !sfId
        ? "is not in Salesforce"
        : inv.status !== "synced"
          ? `is in Salesforce (${sfId}) but its sync status is ${inv.status ?? "absent"}`
          : inv.salesforce_id !== sfId
            ? `is synced with ${inv.salesforce_id}, Salesforce holds ${sfId}`
            : null
      if (problem) {
        missingInvoices++
        findings.push(`invoice ${inv.number} (${inv.id}) ${problem}`)
      }
    }

    // Unexplained: an attempt ends synced or failed, and a failure says why.
    const { rows: unexplainedRows } = await db.query<{
      id: string
      invoice_id: string
      run_id: string
      status: string | null
    }>(
      `SELECT id, invoice_id, run_id, status FROM ${attemptTable}
        WHERE deleted_at IS NULL AND (status IS NULL OR status NOT IN ('synced', 'failed')
           OR (status = 'failed' AND (coalesce(error_code, '') = '' OR coalesce(error_message, '') = '')))`
    )
    // With an outbox, each entry that is done was sent and must have its attempt.
    const outbox = await outboxTable(db)
    const { rows: doneWithout } = outbox
      ? await db.query<{ id: string; invoice_id: string }>(
          `SELECT o.id, o.invoice_id FROM ${outbox} o WHERE o.deleted_at IS NULL AND o.status = 'done'
              AND NOT EXISTS (SELECT 1 FROM ${attemptTable} a WHERE a.outbox_id = o.id AND a.deleted_at IS NULL)`
        )
      : { rows: [] }
    for (const o of doneWithout)
      findings.push(
        `outbox entry ${o.id} (invoice ${o.invoice_id}) is done without an attempt`
      )
    for (const a of unexplainedRows)
      findings.push(
        `attempt ${a.id} (invoice ${a.invoice_id}, run ${a.run_id}) status ${a.status ?? "none"} without ${a.status === "failed" ? "a reason" : "an outcome"}`
      )

    const { rows: stuck } = await db.query<{
      id: string
      trigger: string
      status: string
      created_at: Date
    }>(
      `SELECT id, trigger, status, created_at FROM ${runTable}
        WHERE deleted_at IS NULL AND (status = 'running' OR finished_at IS NULL)`
    )
    for (const r of stuck)
      findings.push(
        `run ${r.id} (${r.trigger}, started ${r.created_at.toISOString()}) is ${r.status} and never finished`
      )

    return {
      duplicates,
      missing: ordersWithout.length + missingInvoices,
      unexplained: unexplainedRows.length + doneWithout.length,
      stuck_runs: stuck.length,
      orders: Number(orders),
      invoices: invoices.length,
      lines: sfLines.length,
      findings,
    }
  } finally {
    await db.end()
  }
}
