/**
 * `npm run bench:sync`: how fast invoices reach Salesforce, on loopback against the emulator.
 *
 * Starts a throw-away PostgreSQL and the emulator (latency L), migrates a fresh database, then runs
 * scripts/bench/measure-sync.ts in a booted store (`medusa exec`), which creates N invoices of 3 lines, syncs them
 * through the bulk workflow, syncs a sample through a naive one-invoice-at-a-time jsforce loop, and times the
 * automatic sync of single new invoices at 50 ms latency. Prints the figures against the targets and exits 0
 * whether they are met or not; 1 only when something broke.
 *
 *   npm run bench:sync -- --invoices 2000 --latency 20 --sample 100
 *   BENCH_INVOICES=500 npm run bench:sync
 */
import { ChildProcess, spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import { CallCount, TOKEN_ENDPOINT } from "./bench/emulator-controls"
import { LINES_PER_INVOICE } from "./bench/fixtures"
import {
  BENCH_EMULATOR_URL_ENV,
  BENCH_ENV,
  BENCH_RESULT_FILE_ENV,
  BenchOptions,
  BenchResult,
} from "./bench/types"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { startEmbeddedPostgres } = require("./lib/postgres")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const MIGRATE_TIMEOUT_MS = 4 * 60_000
const MEASURE_TIMEOUT_MS = 8 * 60_000

const TARGETS = { speedUp: 20, callsPerInvoice: 0.05, automaticMs: 1000 }

const DEFAULTS: BenchOptions = {
  invoices: 2000,
  latencyMs: 20,
  naiveSample: 100,
  autoLatencyMs: 50,
  autoRuns: 3,
}
/** Command-line flag of each option; each also reads its BENCH_* variable (see BENCH_ENV). */
const FLAGS: Record<keyof BenchOptions, string> = {
  invoices: "--invoices",
  latencyMs: "--latency",
  naiveSample: "--sample",
  autoLatencyMs: "--auto-latency",
  autoRuns: "--auto-runs",
}

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
  if (options.invoices < 1) {
    throw new Error("--invoices must be at least 1")
  }
  return options
}

/** Runs `medusa <args>` in its own process group, ended (with its children) if it outlives `timeoutMs`. */
function runMedusa(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  quiet: boolean
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(MEDUSA, args, {
      cwd: ROOT,
      env,
      detached: true,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    })
    let output = ""
    child.stdout?.on("data", (chunk) => (output += chunk))
    child.stderr?.on("data", (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL")
    }, timeoutMs)
    child.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      if (code === 0) {
        resolve()
        return
      }
      if (quiet) process.stderr.write(output)
      reject(
        new Error(
          `medusa ${args.join(" ")} ended with ${signal ?? `exit code ${code}`}`
        )
      )
    })
  })
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

function report(result: BenchResult): void {
  const { options, bulk, naive, automatic } = result
  const bulkRate = options.invoices / bulk.seconds
  const callsPerInvoice = bulk.calls.apiCalls / options.invoices
  const naiveRate = naive ? naive.invoices / naive.seconds : NaN
  const speedUp = bulkRate / naiveRate
  const visible = automatic.runs.map((r) => r.visibleMs)
  const worst = visible.some((v) => v === null)
    ? null
    : Math.max(...(visible as number[]))
  const checks = {
    invoices: bulk.emulatorInvoices === options.invoices,
    lines: bulk.emulatorLines === options.invoices * LINES_PER_INVOICE,
    rows: bulk.syncedRows === options.invoices && bulk.failed === 0,
  }
  const waiting = bulk.calls.salesforceMs / 1000

  const rows: Array<[string, string]> = [
    [`invoices (N), ${LINES_PER_INVOICE} lines each`, String(options.invoices)],
    ["emulator latency (L)", `${options.latencyMs} ms`],
    ["bulk: seconds", fixed(bulk.seconds, 2)],
    ["bulk: invoices/s", fixed(bulkRate, 1)],
    [
      "bulk: API calls/invoice",
      `${fixed(callsPerInvoice, 4)} (${bulk.calls.apiCalls} calls + ${bulk.calls.tokenRequests} token request)`,
    ],
    [
      `naive: invoices/s (sample of ${naive?.invoices ?? 0})`,
      naive
        ? `${fixed(naiveRate, 2)} (${fixed(naive.calls.apiCalls / naive.invoices, 2)} API calls/invoice, ${fixed(naive.seconds, 1)} s)`
        : "not run",
    ],
    ["speed-up bulk/naive", `${fixed(speedUp, 1)}x`],
    [
      `automatic sync visible at ${automatic.latencyMs} ms latency`,
      `${worst === null ? "not visible" : `${Math.round(worst)} ms`} (worst of ${visible.length}: ${visible
        .map((v) => (v === null ? "-" : Math.round(v)))
        .join(", ")} ms)`,
    ],
  ]
  const width = Math.max(...rows.map(([label]) => label.length)) + 2
  console.log("\nSalesforce invoice sync benchmark (emulator on loopback)\n")
  for (const [label, value] of rows)
    console.log(`  ${label.padEnd(width)}${value}`)

  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL")
  const auto = worst === null ? "not visible" : `${Math.round(worst)} ms`
  console.log("\nTargets")
  console.log(
    `  ${verdict(speedUp >= TARGETS.speedUp)}  >= ${TARGETS.speedUp}x faster than naive: ${fixed(speedUp, 1)}x`
  )
  console.log(
    `  ${verdict(callsPerInvoice <= TARGETS.callsPerInvoice)}  <= ${TARGETS.callsPerInvoice} API calls/invoice: ${fixed(callsPerInvoice, 4)}`
  )
  console.log(
    `  ${verdict(worst !== null && worst <= TARGETS.automaticMs)}  automatic sync <= ${TARGETS.automaticMs} ms at ${automatic.latencyMs} ms latency: ${auto}`
  )
  console.log("\nChecks")
  console.log(
    `  ${verdict(checks.invoices)}  emulator holds N invoices: ${bulk.emulatorInvoices} / ${options.invoices}`
  )
  console.log(
    `  ${verdict(checks.lines)}  emulator holds ${LINES_PER_INVOICE}N lines: ${bulk.emulatorLines} / ${options.invoices * LINES_PER_INVOICE}`
  )
  console.log(
    `  ${verdict(checks.rows)}  invoice_sync rows synced: ${bulk.syncedRows} / ${options.invoices} (${bulk.failed} failed)`
  )
  for (const [reason, count] of Object.entries(bulk.failures))
    console.log(`        ${count} x ${reason}`)

  console.log("\nWhere the bulk time goes")
  console.log(
    `  waiting on Salesforce (sum of call times at the emulator)  ${fixed(waiting, 2)} s`
  )
  console.log(
    `  reading the N invoices as the workflow does (timed apart)   ${fixed(bulk.loadSeconds, 2)} s`
  )
  console.log(
    `  everything else in Medusa (workflow, locks, sync log)       ${fixed(bulk.seconds - waiting - bulk.loadSeconds, 2)} s`
  )
  console.log(
    `  longest request URL (Salesforce's limit is 16,384)          ${bulk.calls.longestUrl} characters`
  )
  console.log(
    `  creating the invoices beforehand (not part of the sync)     ${fixed(result.createSeconds, 2)} s`
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
  breakdown("Bulk path: requests by endpoint", bulk.calls, options.invoices)
  if (naive)
    breakdown("Naive loop: requests by endpoint", naive.calls, naive.invoices)
  automatic.runs.forEach((run, i) =>
    breakdown(`Automatic run ${i + 1}: requests by endpoint`, run.calls, 1)
  )
  console.log("")
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env)
  const stops: Array<() => Promise<void>> = []
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-bench-sync-"))
  stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }))
  try {
    // PostgreSQL may run as its own system user (when we are root): it must be able to enter the folder.
    fs.chmodSync(tmp, 0o755)
    log(
      `N=${options.invoices} L=${options.latencyMs} ms naive sample=${options.naiveSample}`
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
    await runMedusa(["db:migrate"], env, MIGRATE_TIMEOUT_MS, true)
    log("booting the store (medusa exec scripts/bench/measure-sync.ts)")
    await runMedusa(
      ["exec", "./scripts/bench/measure-sync.ts"],
      env,
      MEASURE_TIMEOUT_MS,
      false
    )

    report(JSON.parse(fs.readFileSync(resultFile, "utf8")) as BenchResult)
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
