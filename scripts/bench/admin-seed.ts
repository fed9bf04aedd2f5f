/**
 * The big store of `npm run bench:admin-api`, written set-based (one INSERT ... SELECT generate_series per table):
 * 100,000 invoice documents (every 10th a credit note) with 3 lines each, their sync state, 5,000 sync runs and
 * 1,000,000 sync attempts, of which the first run holds 10,000 failures (the CSV export's run).
 */
import type { Client } from "@medusajs/framework/pg"

/** Table names in one place, as the plugin's models name them. */
export const TABLES = {
  invoice: "msi_invoice",
  invoiceLine: "msi_invoice_line",
  invoiceSync: "msi_invoice_sync",
  syncAttempt: "msi_sync_attempt",
  syncRun: "msi_sync_run",
}

export const SEED = {
  invoices: 100_000,
  linesPerInvoice: 3,
  attempts: 1_000_000,
  /** The first run: 10,000 failed attempts, exported as CSV and grouped by reason. */
  bigRunId: "srun_bench_big",
  bigRunFailures: 10_000,
  attemptsPerRun: 200,
  customers: 5_000,
}

/** A bigNumber column's raw twin, as Medusa writes it. */
const raw = (expr: string) =>
  `jsonb_build_object('value', (${expr})::text, 'precision', 20)`

// Invoice i was issued (100,000 - i) * 5 minutes before now: a year of documents, the newest last.
const issuedAt = (i: string) =>
  `now() - ((${SEED.invoices} - ${i}) * interval '5 minutes')`

const REASONS = [
  ["REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]"],
  ["STRING_TOO_LONG", "SKU: data value too large"],
  ["FIELD_CUSTOM_VALIDATION_EXCEPTION", "Amount must be positive"],
  ["UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"],
  ["REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."],
]
const reasonCase = (n: string, column: 0 | 1) =>
  `(ARRAY[${REASONS.map((r) => `'${r[column]}'`).join(", ")}])[1 + (${n}) % ${REASONS.length}]`

export const SEED_STATEMENTS: [string, string][] = [
  [
    "invoices",
    `INSERT INTO ${TABLES.invoice} (id, sequence, number, type, source_key, order_id, order_display_id, customer_id,
       customer_email, customer_name, currency_code, subtotal, discount_total, shipping_total, tax_total, total,
       issued_at, issue_date, original_invoice_id, raw_subtotal, raw_discount_total, raw_shipping_total, raw_tax_total,
       raw_total, created_at, updated_at)
     SELECT 'inv_bench_' || i, i, 'INV-' || lpad(i::text, 6, '0'),
       CASE WHEN i % 10 = 0 THEN 'credit_note' ELSE 'invoice' END, 'bench:' || i, 'order_bench_' || i, 1000 + i,
       'cus_bench_' || (i % ${SEED.customers}), 'customer' || (i % ${SEED.customers}) || '@example.com',
       'Customer ' || (i % ${SEED.customers}), 'eur', 10 + i % 500, 0, 5, 0, 15 + i % 500, ${issuedAt("i")},
       to_char(${issuedAt("i")}, 'YYYY-MM-DD'), CASE WHEN i % 10 = 0 THEN 'inv_bench_' || (i - 1) END, ${raw("10 + i % 500")}, ${raw("0")}, ${raw("5")},
       ${raw("0")}, ${raw("15 + i % 500")}, ${issuedAt("i")}, ${issuedAt("i")}
     FROM generate_series(1, ${SEED.invoices}) AS i`,
  ],
  [
    "invoice lines",
    `INSERT INTO ${TABLES.invoiceLine} (id, line_item_id, title, sku, quantity, unit_price, discount_total, tax_total,
       total, rank, invoice_id, raw_quantity, raw_unit_price, raw_discount_total, raw_tax_total, raw_total,
       created_at, updated_at)
     SELECT 'invl_bench_' || i || '_' || k, 'item_bench_' || i || '_' || k, 'Product ' || k, 'SKU-' || k, 1,
       10 + i % 500, 0, 0, 10 + i % 500, k, 'inv_bench_' || i, ${raw("1")}, ${raw("10 + i % 500")}, ${raw("0")},
       ${raw("0")}, ${raw("10 + i % 500")}, ${issuedAt("i")}, ${issuedAt("i")}
     FROM generate_series(1, ${SEED.invoices}) AS i, generate_series(1, ${SEED.linesPerInvoice}) AS k`,
  ],
  [
    // 60% synced, 10% failed, 10% outdated, 20% never tried.
    "invoice sync state",
    `INSERT INTO ${TABLES.invoiceSync} (id, invoice_id, status, salesforce_id, salesforce_url, synced_at, error_code,
       error_message, last_attempt_at, created_at, updated_at)
     SELECT 'isync_bench_' || i, 'inv_bench_' || i,
       CASE WHEN i % 10 < 6 THEN 'synced' WHEN i % 10 = 6 THEN 'failed' ELSE 'outdated' END,
       CASE WHEN i % 10 <> 6 THEN 'a0B' || lpad(i::text, 15, '0') END, NULL,
       CASE WHEN i % 10 <> 6 THEN ${issuedAt("i")} END,
       CASE WHEN i % 10 = 6 THEN ${reasonCase("i", 0)} END, CASE WHEN i % 10 = 6 THEN ${reasonCase("i", 1)} END,
       ${issuedAt("i")}, ${issuedAt("i")}, ${issuedAt("i")}
     FROM generate_series(1, ${SEED.invoices}) AS i WHERE i % 10 < 8`,
  ],
  [
    "sync runs",
    `INSERT INTO ${TABLES.syncRun} (id, trigger, started_by, status, total, synced, failed, finished_at, created_at,
       updated_at)
     SELECT CASE WHEN r = 1 THEN '${SEED.bigRunId}' ELSE 'srun_bench_' || r END,
       (ARRAY['automatic', 'bulk', 'catch_up', 'manual'])[1 + r % 4], NULL, 'completed',
       CASE WHEN r = 1 THEN ${SEED.bigRunFailures} ELSE ${SEED.attemptsPerRun} END,
       CASE WHEN r = 1 THEN 0 ELSE ${SEED.attemptsPerRun} END, CASE WHEN r = 1 THEN ${SEED.bigRunFailures} ELSE 0 END,
       now() - ((5000 - r) * interval '100 minutes'), now() - ((5000 - r) * interval '100 minutes'),
       now() - ((5000 - r) * interval '100 minutes')
     FROM generate_series(1, ${1 + (SEED.attempts - SEED.bigRunFailures) / SEED.attemptsPerRun}) AS r`,
  ],
  [
    // Attempt a tries invoice 1 + (a - 1) % 100,000 in round (a - 1) / 100,000; the last round is what the log
    // shows. The first 10,000 attempts are the big run's failures; after that, invoices that end failed fail in
    // every round and one attempt in 20 fails on the way.
    "sync attempts",
    `INSERT INTO ${TABLES.syncAttempt} (id, run_id, invoice_id, invoice_number, order_id, order_display_id,
       document_type, amount, raw_amount, currency_code, trigger, started_by, status, error_code, error_message,
       duration_ms, salesforce_id, shown_in_log, created_at, updated_at)
     SELECT 'satt_bench_' || a,
       CASE WHEN a <= ${SEED.bigRunFailures} THEN '${SEED.bigRunId}'
         ELSE 'srun_bench_' || (2 + (a - ${SEED.bigRunFailures + 1}) / ${SEED.attemptsPerRun}) END,
       'inv_bench_' || i, 'INV-' || lpad(i::text, 6, '0'), 'order_bench_' || i, 1000 + i,
       CASE WHEN i % 10 = 0 THEN 'credit_note' ELSE 'invoice' END, 15 + i % 500, ${raw("15 + i % 500")}, 'eur',
       (ARRAY['automatic', 'bulk', 'catch_up', 'manual'])[1 + a % 4], NULL,
       CASE WHEN failed THEN 'failed' ELSE 'synced' END, CASE WHEN failed THEN ${reasonCase("a", 0)} END,
       CASE WHEN failed THEN ${reasonCase("a", 1)} END, 20 + a % 400,
       CASE WHEN NOT failed THEN 'a0B' || lpad(i::text, 15, '0') END, round = 9,
       ${issuedAt("i")} + round * interval '1 minute', ${issuedAt("i")} + round * interval '1 minute'
     FROM (
       SELECT a, 1 + (a - 1) % ${SEED.invoices} AS i, (a - 1) / ${SEED.invoices} AS round,
         a <= ${SEED.bigRunFailures} OR (1 + (a - 1) % ${SEED.invoices}) % 10 = 6 OR a % 20 = 0 AS failed
       FROM generate_series(1, ${SEED.attempts}) AS a
     ) AS s`,
  ],
]

/** Writes the store and refreshes the planner's statistics; returns the seconds each table took. */
export async function seedBigStore(client: Client) {
  const seconds: Record<string, number> = {}
  for (const [label, sql] of SEED_STATEMENTS) {
    const started = Date.now()
    await client.query(sql)
    seconds[label] = (Date.now() - started) / 1000
  }
  const started = Date.now()
  await client.query(`VACUUM ANALYZE ${Object.values(TABLES).join(", ")}`)
  seconds["vacuum analyze"] = (Date.now() - started) / 1000
  return seconds
}
