/**
 * `npm run bench:sync`: how fast invoices reach Salesforce, on loopback against the emulator.
 *
 * Starts a throw-away PostgreSQL and the emulator (latency L), migrates a fresh database, then runs
 * scripts/bench/measure-sync.ts in a booted store (`medusa exec`), which creates N invoices of 3 lines, syncs them
 * through the bulk workflow as composites (its store's bulk threshold is out of reach), syncs a sample through a
 * naive one-invoice-at-a-time jsforce loop, and times the automatic sync of single new invoices at 50 ms latency;
 * then a second `medusa exec` with the default bulk threshold syncs N invoices of new customers through Bulk API
 * 2.0 jobs, on fresh emulator state. Prints the figures against the targets and exits 0
 * whether they are met or not; 1 only when something broke.
 *
 *   npm run bench:sync -- --invoices 2000 --customers 200 --latency 20 --sample 100 --auto-runs 20 --json
 *   BENCH_INVOICES=500 npm run bench:sync
 *
 * With --json the last line of the output is one JSON object: {"invoices","customers","latency_ms","rest":
 * {"seconds","invoices_per_s","calls_per_invoice"},"bulk":{"seconds","calls_per_invoice"},"naive":
 * {"invoices_per_s","calls_per_invoice"},"speedup","auto_ms":{"p50","p95","runs"}}.
 */
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import { CallCount, TOKEN_ENDPOINT } from "./bench/emulator-controls"
import { runMedusa } from "./lib/medusa-process"
import { LINES_PER_INVOICE } from "./bench/fixtures"
import {
  BENCH_EMULATOR_URL_ENV,
  BENCH_ENV,
  BENCH_PHASE_ENV,
  BENCH_RESULT_FILE_ENV,
  BenchOptions,
  BenchResult,
  PhaseResult,
} from "./bench/types"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { startEmbeddedPostgres } = require("./lib/postgres")

const MIGRATE_TIMEOUT_MS = 4 * 60_000
const MEASURE_TIMEOUT_MS = 30 * 60_000

const TARGETS = {
  restSeconds: 10,
  speedUp: 150,
  restCallsPerInvoice: 0.006,
  bulkCallsPerInvoice: 0.003,
  automaticP95Ms: 500,
}

const DEFAULTS: BenchOptions = {
  invoices: 10_000,
  customers: 200,
  latencyMs: 20,
  naiveSample: 100,
  autoLatencyMs: 50,
  autoRuns: 20,
}
/** Command-line flag of each option; each also reads its BENCH_* variable (see BENCH_ENV). */
const FLAGS: Record<keyof BenchOptions, string> = {
  invoices: "--invoices",
  customers: "--customers",
  latencyMs: "--latency",
  naiveSample: "--sample",
  autoLatencyMs: "--auto-latency",
  autoRuns: "--auto-runs",
}
/** Ends the report with one JSON line of the figures (see jsonLine). */
const JSON_FLAG = "--json"

const log = (line: string) => console.log(`[bench] ${line}`)

/** Flags (`--invoices 500` or `--invoices=500`) over BENCH_* variables over the defaults. */
function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options = { ...DEFAULTS }
  for (const key of Object.keys(DEFAULTS) as Array<keyof BenchOptions>) {
    let raw = env[BENCH_ENV[key]]
    const at = argv.findIndex(
      (a) => a === FLAGS[key] || a.startsWith(`${FLAGS[key]}=`)
    )
    if (at >= 0) {
      raw = argv[at].includes("=") ? argv[at].split("=")[1] : argv[at + 1]
    }
    if (raw !== undefined && raw !== "") {
      const value = Number(raw)
      if (!Number.isInteger(value) || value < 0) {
        throw new Error(
          `${FLAGS[key]} / ${BENCH_ENV[key]} must be a whole number >= 0, not ${JSON.stringify(raw)}`
        )
      }
      options[key] = value
    }
  }
  if (options.invoices < 1 || options.customers < 1) {
    throw new Error("--invoices and --customers must be at least 1")
  }
  return options
}

function childEnv(
  options: BenchOptions,
  databaseUrl: string,
  emulator: EmulatorHandle,
  resultFile: string
) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  // jsforce ignores NO_PROXY: a proxy from the environment would swallow loopback requests.
  for (const key of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"])
    delete env[key]
  for (const key of Object.keys(BENCH_ENV) as Array<keyof BenchOptions>)
    env[BENCH_ENV[key]] = String(options[key])
  return {
    ...env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    COOKIE_SECRET: crypto.randomBytes(32).toString("hex"),
    SALESFORCE_LOGIN_URL: emulator.url,
    SALESFORCE_AUTH_FLOW: "client_credentials",
    SALESFORCE_CLIENT_ID: emulator.clientId,
    SALESFORCE_CLIENT_SECRET: emulator.clientSecret,
    SALESFORCE_ENABLE_ON_FIRST_START: "false",
    [BENCH_EMULATOR_URL_ENV]: emulator.url,
    [BENCH_RESULT_FILE_ENV]: resultFile,
  }
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : "n/a"

/** The value at fraction `q` of the sorted values (nearest rank). */
function percentile(values: number[], q: number): number {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
}

const round = (value: number, digits: number) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null

type Figures = ReturnType<typeof figuresOf>

function figuresOf(result: BenchResult) {
  const { options, rest, bulk, naive, automatic } = result
  const restRate = options.invoices / rest.seconds
  const naiveRate = naive ? naive.invoices / naive.seconds : NaN
  const visible = automatic.runs.map((r) => r.visibleMs)
  const shown = visible.filter((v): v is number => v !== null)
  return {
    restRate,
    restCalls: rest.calls.apiCalls / options.invoices,
    bulkCalls: bulk ? bulk.calls.apiCalls / options.invoices : NaN,
    naiveRate,
    naiveCalls: naive ? naive.calls.apiCalls / naive.invoices : NaN,
    speedUp: restRate / naiveRate,
    visible,
    // A run that never showed counts as the worst: it stays in the percentiles as infinity.
    p50: percentile(
      visible.map((v) => v ?? Infinity),
      0.5
    ),
    p95: percentile(
      visible.map((v) => v ?? Infinity),
      0.95
    ),
    allShown: shown.length === visible.length,
  }
}

/** The one-line JSON summary `--json` ends the output with. */
function jsonLine(result: BenchResult, f: Figures): string {
  const { options, rest, bulk } = result
  return JSON.stringify({
    invoices: options.invoices,
    customers: options.customers,
    latency_ms: options.latencyMs,
    rest: {
      seconds: round(rest.seconds, 2),
      invoices_per_s: round(f.restRate, 1),
      calls_per_invoice: round(f.restCalls, 5),
    },
    bulk: bulk
      ? {
          seconds: round(bulk.seconds, 2),
          calls_per_invoice: round(f.bulkCalls, 5),
        }
      : null,
    naive: {
      invoices_per_s: round(f.naiveRate, 2),
      calls_per_invoice: round(f.naiveCalls, 2),
    },
    speedup: round(f.speedUp, 1),
    auto_ms: {
      p50: round(f.p50, 0),
      p95: round(f.p95, 0),
      runs: f.visible.length,
    },
  })
}

function phaseRows(
  label: string,
  phase: PhaseResult,
  invoices: number
): Array<[string, string]> {
  return [
    [`${label}: seconds`, fixed(phase.seconds, 2)],
    [`${label}: invoices/s`, fixed(invoices / phase.seconds, 1)],
    [
      `${label}: API calls/invoice`,
      `${fixed(phase.calls.apiCalls / invoices, 4)} (${phase.calls.apiCalls} calls + ${phase.calls.tokenRequests} token request)`,
    ],
  ]
}

function phaseChecks(label: string, phase: PhaseResult, invoices: number) {
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL")
  console.log(
    `  ${verdict(phase.emulatorInvoices === invoices)}  ${label}: emulator holds N invoices: ${phase.emulatorInvoices} / ${invoices}`
  )
  console.log(
    `  ${verdict(phase.emulatorLines === invoices * LINES_PER_INVOICE)}  ${label}: emulator holds ${LINES_PER_INVOICE}N lines: ${phase.emulatorLines} / ${invoices * LINES_PER_INVOICE}`
  )
  console.log(
    `  ${verdict(phase.syncedRows === invoices && phase.failed === 0)}  ${label}: invoice_sync rows synced: ${phase.syncedRows} / ${invoices} (${phase.failed} failed)`
  )
  for (const [reason, count] of Object.entries(phase.failures))
    console.log(`        ${count} x ${reason}`)
}

function timeBreakdown(label: string, phase: PhaseResult) {
  const waiting = phase.calls.waitingMs / 1000
  const step = (name: string) => (phase.steps[name]?.ms ?? 0) / 1000
  const calls = (name: string) => phase.steps[name]?.calls ?? 0
  const row = (text: string, seconds: number) =>
    console.log(`  ${text.padEnd(70)} ${fixed(seconds, 2)} s`)
  console.log(
    `\nWhere the ${label} time goes (wall time with at least one such call running; drains may overlap)`
  )
  row(
    "queueing the N documents (enqueue workflow, outbox rows)",
    phase.enqueueSeconds
  )
  row(`claiming batches (${calls("claim")} claims)`, step("claim"))
  row("reading the invoices (load step)", step("load"))
  row("reading line ids and customer links (send step)", step("context"))
  row("sending (send step: plan, calls, answers)", step("send"))
  row(
    "  of which waiting on Salesforce (a call in flight or a Bulk job open)",
    waiting
  )
  if (phase.calls.bulkJobsMs)
    row(
      "    (of which a Bulk job open, between our looks at it)",
      phase.calls.bulkJobsMs / 1000
    )
  row(
    "    (sum of the calls' own times, parallel calls each counted)",
    phase.calls.salesforceMs / 1000
  )
  row("  of which our own work while sending", step("send") - waiting)
  row("committing the results (attempts, sync state, runs)", step("commit"))
  row(
    "the rest (workflow engine between steps, events, waiting)",
    phase.seconds - phase.enqueueSeconds - step("covered")
  )
  console.log(
    `  ${"longest request URL (Salesforce's limit is 16,384)".padEnd(70)} ${phase.calls.longestUrl} characters`
  )
}

function report(result: BenchResult, f: Figures): void {
  const { options, rest, bulk, naive, automatic } = result
  const rows: Array<[string, string]> = [
    [`invoices (N), ${LINES_PER_INVOICE} lines each`, String(options.invoices)],
    ["customers, new to Salesforce", String(options.customers)],
    ["emulator latency (L)", `${options.latencyMs} ms`],
    ...phaseRows("REST (composite)", rest, options.invoices),
    ...(bulk
      ? phaseRows("Bulk API 2.0", bulk, options.invoices)
      : ([["Bulk API 2.0", "not run"]] as Array<[string, string]>)),
    [
      `naive: invoices/s (sample of ${naive?.invoices ?? 0})`,
      naive
        ? `${fixed(f.naiveRate, 2)} (${fixed(f.naiveCalls, 2)} API calls/invoice, ${fixed(naive.seconds, 1)} s)`
        : "not run",
    ],
    ["speed-up REST/naive", `${fixed(f.speedUp, 1)}x`],
    [
      `automatic sync visible at ${automatic.latencyMs} ms latency`,
      `p50 ${fixed(f.p50, 0)} ms, p95 ${fixed(f.p95, 0)} ms over ${f.visible.length} runs (${f.visible
        .map((v) => (v === null ? "-" : Math.round(v)))
        .join(", ")} ms)`,
    ],
  ]
  const width = Math.max(...rows.map(([label]) => label.length)) + 2
  console.log("\nSalesforce invoice sync benchmark (emulator on loopback)\n")
  for (const [label, value] of rows)
    console.log(`  ${label.padEnd(width)}${value}`)

  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL")
  console.log("\nTargets")
  console.log(
    `  ${verdict(rest.seconds <= TARGETS.restSeconds)}  REST: N invoices in <= ${TARGETS.restSeconds} s: ${fixed(rest.seconds, 2)} s`
  )
  console.log(
    `  ${verdict(f.speedUp >= TARGETS.speedUp)}  REST >= ${TARGETS.speedUp}x faster than naive: ${fixed(f.speedUp, 1)}x`
  )
  console.log(
    `  ${verdict(f.restCalls <= TARGETS.restCallsPerInvoice)}  REST <= ${TARGETS.restCallsPerInvoice} API calls/invoice: ${fixed(f.restCalls, 4)}`
  )
  console.log(
    `  ${verdict(f.bulkCalls <= TARGETS.bulkCallsPerInvoice)}  Bulk <= ${TARGETS.bulkCallsPerInvoice} API calls/invoice: ${bulk ? fixed(f.bulkCalls, 4) : "not run"}`
  )
  console.log(
    `  ${verdict(f.allShown && f.p95 <= TARGETS.automaticP95Ms)}  automatic sync p95 <= ${TARGETS.automaticP95Ms} ms at ${automatic.latencyMs} ms latency: ${fixed(f.p95, 0)} ms`
  )
  console.log("\nChecks")
  phaseChecks("REST", rest, options.invoices)
  if (bulk) phaseChecks("Bulk", bulk, options.invoices)

  timeBreakdown("REST", rest)
  if (bulk) timeBreakdown("Bulk", bulk)
  console.log(
    `\nCreating the invoices beforehand (not part of the sync): ${fixed(result.createSeconds, 2)} s`
  )

  const breakdown = (title: string, calls: CallCount, per: number) => {
    console.log(`\n${title}`)
    const entries = Object.entries(calls.byEndpoint).sort(
      ([, a], [, b]) => b - a
    )
    const w = Math.max(...entries.map(([e]) => e.length), 10) + 2
    for (const [endpoint, count] of entries) {
      const note =
        endpoint === TOKEN_ENDPOINT
          ? "  (token, not an API call)"
          : `  ${fixed(count / per, 4)}/invoice`
      console.log(`  ${endpoint.padEnd(w)}${String(count).padStart(6)}${note}`)
    }
  }
  breakdown("REST path: requests by endpoint", rest.calls, options.invoices)
  if (bulk)
    breakdown("Bulk path: requests by endpoint", bulk.calls, options.invoices)
  if (naive)
    breakdown("Naive loop: requests by endpoint", naive.calls, naive.invoices)
  const [firstRun] = automatic.runs
  if (firstRun)
    breakdown("Automatic run 1: requests by endpoint", firstRun.calls, 1)
  console.log("")
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  const json = argv.includes(JSON_FLAG)
  const options = parseOptions(
    argv.filter((a) => a !== JSON_FLAG),
    process.env
  )
  const stops: Array<() => Promise<void>> = []
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-bench-sync-"))
  stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }))
  try {
    // PostgreSQL may run as its own system user (when we are root): it must be able to enter the folder.
    fs.chmodSync(tmp, 0o755)
    log(
      `N=${options.invoices} customers=${options.customers} L=${options.latencyMs} ms naive sample=${options.naiveSample}`
    )
    log("starting PostgreSQL and the Salesforce emulator")
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "data"),
      persistent: false,
    })
    stops.push(() => pg.stop())
    await pg.createDatabase("medusa_bench")
    const emulator = await startEmulator({
      port: 0,
      latency: { fixedMs: options.latencyMs, jitterMs: 0 },
    })
    stops.push(() => emulator.stop())

    const resultFile = path.join(tmp, "result.json")
    const env = childEnv(options, pg.url("medusa_bench"), emulator, resultFile)
    log("migrating a fresh database")
    await runMedusa(["db:migrate"], env, {
      quiet: true,
      timeoutMs: MIGRATE_TIMEOUT_MS,
    })
    log("booting the store (medusa exec scripts/bench/measure-sync.ts)")
    // No run of this store reaches the threshold: the REST path is what it measures.
    await runMedusa(
      ["exec", "./scripts/bench/measure-sync.ts"],
      { ...env, SALESFORCE_BULK_THRESHOLD: String(Number.MAX_SAFE_INTEGER) },
      { timeoutMs: MEASURE_TIMEOUT_MS }
    )
    const bulkFile = path.join(tmp, "bulk.json")
    log("booting the store again for the Bulk API 2.0 path (default threshold)")
    await runMedusa(
      ["exec", "./scripts/bench/measure-sync.ts"],
      {
        ...env,
        [BENCH_PHASE_ENV]: "bulk",
        // The default threshold (2,000), or just under N for a smaller run, so the run goes through Bulk.
        SALESFORCE_BULK_THRESHOLD: String(
          Math.max(1, Math.min(2000, options.invoices - 1))
        ),
        [BENCH_RESULT_FILE_ENV]: bulkFile,
      },
      { timeoutMs: MEASURE_TIMEOUT_MS }
    )

    const result = {
      ...(JSON.parse(fs.readFileSync(resultFile, "utf8")) as BenchResult),
      ...(JSON.parse(fs.readFileSync(bulkFile, "utf8")) as Pick<
        BenchResult,
        "bulk"
      >),
    }
    const figures = figuresOf(result)
    report(result, figures)
    if (json) console.log(jsonLine(result, figures))
    return 0
  } catch (error) {
    console.error(
      `[bench] broken: ${error instanceof Error ? error.stack : String(error)}`
    )
    return 1
  } finally {
    for (const stop of stops.reverse()) {
      await stop().catch((e) => log(`stop failed: ${e}`))
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
