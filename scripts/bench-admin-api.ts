/**
 * `npm run bench:admin-api`: how fast the admin answers on a big store.
 *
 * Starts a throw-away PostgreSQL, migrates a fresh database, seeds 100,000 invoice documents with lines and
 * 1,000,000 sync attempts set-based (scripts/bench/admin-seed.ts), boots the store (`medusa start`, admin UI off)
 * and times each admin request the grid, the sync log and the runs pages make, one at a time: p50 / p95 over
 * `--requests` tries after 2 warm-ups. The CSV export is also watched for memory: the server's RSS is sampled while
 * it streams. Exits 0 whether the targets are met or not; 1 only when something broke. With `--json` the last line
 * is one JSON object.
 *
 *   npm run bench:admin-api -- --json
 *   npm run bench:admin-api -- --requests 5 --explain   (also prints the plans of the queries behind the requests)
 *   npm run bench:admin-api -- --data /tmp/big-store   (keeps the seeded store there and reuses it next time)
 */
import { ChildProcess, spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Client } from "@medusajs/framework/pg"
import { SEED, seedBigStore, TABLES } from "./bench/admin-seed"
import { runMedusa } from "./lib/medusa-process"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const {
  startEmbeddedPostgres,
  freePort,
  THROWAWAY_SETTINGS,
} = require("./lib/postgres")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const TARGETS = { p95Ms: 100, exportMs: 2000 }
const EMAIL = "bench-admin@example.com"
// A throw-away local store: the password guards nothing, and a kept store (--data) needs the same one again.
const PASSWORD = "bench-admin-password"

const log = (line: string) => console.log(`[bench] ${line}`)

function flag(name: string) {
  return process.argv.includes(name)
}
function stringFlag(name: string) {
  const at = process.argv.indexOf(name)
  return at < 0 ? undefined : process.argv[at + 1]
}
function numberFlag(name: string, fallback: number) {
  const at = process.argv.indexOf(name)
  if (at < 0) return fallback
  const value = Number(process.argv[at + 1])
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number >= 1`)
  }
  return value
}

async function startServer(env: NodeJS.ProcessEnv, baseUrl: string) {
  const server: ChildProcess = spawn(MEDUSA, ["start"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  let output = ""
  server.stdout!.on("data", (d) => (output += d))
  server.stderr!.on("data", (d) => (output += d))
  const stop = async () => {
    if (server.exitCode !== null || !server.pid) return
    const exited = new Promise((r) => server.once("exit", r))
    process.kill(-server.pid, "SIGTERM")
    await exited
  }
  const end = Date.now() + 180_000
  while (Date.now() < end) {
    if (server.exitCode !== null) {
      throw new Error(`medusa start exited: ${output}`)
    }
    const ok = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false
    )
    if (ok) return { server, stop, output: () => output }
    await new Promise((r) => setTimeout(r, 300))
  }
  await stop()
  throw new Error(`medusa start did not answer /health: ${output}`)
}

/** The resident memory of a process tree's node processes, in MB (the server may run under a wrapper). */
function rssMb(pid: number): number {
  const children = (p: number): number[] => {
    try {
      return fs
        .readFileSync(`/proc/${p}/task/${p}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number)
    } catch {
      return []
    }
  }
  let total = 0
  const stack = [pid]
  while (stack.length) {
    const p = stack.pop()!
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8")
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
    } catch {
      // The process ended meanwhile.
    }
    stack.push(...children(p))
  }
  return total
}

/** auto_explain for --explain: every statement's actual plan, with buffers. */
const AUTO_EXPLAIN = {
  "auto_explain.log_min_duration": "0",
  "auto_explain.log_analyze": "on",
  "auto_explain.log_buffers": "on",
  "auto_explain.log_timing": "on",
}

/**
 * The plans in a stretch of the server's log that touch our msi_ tables, minus the settings lookup every admin
 * request makes. An entry runs from "LOG:  duration:" to the next timestamped log line; its query text runs from
 * "Query Text:" to the parameters or the plan's first node (the next tab-indented "Word " line).
 */
function plansOf(logText: string) {
  return logText
    .split(/(?=LOG:\s+duration:)/)
    .map((entry) => entry.replace(/\n\d{4}-\d{2}-\d{2}[\s\S]*$/, "").trim())
    .filter((entry) => {
      const queryText =
        entry
          .split("Query Text:")[1]
          ?.split(/\n\tQuery Parameters:|\n\t[A-Z][a-z]+ /)[0] ?? ""
      return (
        /\bmsi_/.test(queryText) &&
        !/\bmsi_salesforce_settings\b/.test(queryText)
      )
    })
    .join("\n\n")
}

async function login(baseUrl: string) {
  const auth = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  })
  const { token } = (await auth.json()) as { token: string }
  return { authorization: `Bearer ${token}` }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

type Timing = { p50: number; p95: number; rows: number }

async function main(): Promise<number> {
  const json = flag("--json")
  const explain = flag("--explain")
  const requests = numberFlag("--requests", 20)
  const stops: Array<() => Promise<void>> = []
  let serverOutput: (() => string) | null = null
  const kept = stringFlag("--data")
  const tmp = kept
    ? path.resolve(kept)
    : fs.mkdtempSync(path.join(os.tmpdir(), "medusa-bench-admin-"))
  if (!kept) {
    stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }))
  }
  try {
    fs.mkdirSync(tmp, { recursive: true })
    fs.chmodSync(tmp, 0o755)
    log("starting PostgreSQL")
    // The server's log carries the plans of --explain (auto_explain); otherwise it is dropped.
    const pgLog: string[] = []
    let capture = false
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "data"),
      persistent: !!kept,
      settings: THROWAWAY_SETTINGS,
      log: (line: string) => capture && pgLog.push(line),
    })
    stops.push(() => pg.stop())
    await pg.createDatabase("medusa_bench_admin")
    const databaseUrl = pg.url("medusa_bench_admin")
    const port = await freePort(0)
    const baseUrl = `http://localhost:${port}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NODE_OPTIONS: "",
      LOG_LEVEL: "warn",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JWT_SECRET: crypto.randomBytes(32).toString("hex"),
      COOKIE_SECRET: crypto.randomBytes(32).toString("hex"),
      DISABLE_MEDUSA_ADMIN: "true",
      MEDUSA_DISABLE_TELEMETRY: "true",
      // No Salesforce connection: nothing here calls it, and the catch-up job then has nothing to do.
      SALESFORCE_LOGIN_URL: "",
    }
    delete env.JEST_WORKER_ID

    let started = Date.now()
    log("migrating a fresh database")
    await runMedusa(["db:migrate"], env, { quiet: true })
    const migrateSeconds = (Date.now() - started) / 1000
    const client = new Client({ connectionString: databaseUrl })
    await client.connect()
    stops.push(() => client.end())

    started = Date.now()
    const { rows: seeded } = await client.query(
      `SELECT 1 FROM ${TABLES.invoice} WHERE id = 'inv_bench_1'`
    )
    let seedSeconds = 0
    if (seeded.length) {
      log(`reusing the store seeded in ${tmp}`)
    } else {
      await runMedusa(["user", "-e", EMAIL, "-p", PASSWORD], env, {
        quiet: true,
      })
      log(
        `seeding ${SEED.invoices} invoice documents and ${SEED.attempts} sync attempts (set-based)`
      )
      const seedTables = await seedBigStore(client)
      seedSeconds = (Date.now() - started) / 1000
      log(
        `seeded in ${seedSeconds.toFixed(1)} s (${Object.entries(seedTables)
          .map(([t, s]) => `${t} ${s.toFixed(1)} s`)
          .join(", ")})`
      )
    }

    log("booting the store (medusa start)")
    const { server, stop, output } = await startServer(env, baseUrl)
    serverOutput = output
    stops.push(stop)
    const headers = await login(baseUrl)

    const day = (offset: number) =>
      new Date(Date.now() - offset * 86_400_000).toISOString()
    const cases: [string, string][] = [
      [
        "grid: first page",
        "/admin/invoices?limit=20&offset=0&order=-created_at",
      ],
      [
        "grid: q search",
        "/admin/invoices?limit=20&q=INV-0421&order=-created_at",
      ],
      [
        "grid: q customer email",
        "/admin/invoices?limit=20&q=customer4242%40&order=-created_at",
      ],
      [
        "grid: sync_status=not_synced",
        "/admin/invoices?limit=20&sync_status=not_synced&order=-created_at",
      ],
      [
        "grid: sync_status=failed",
        "/admin/invoices?limit=20&sync_status=failed&order=-created_at",
      ],
      [
        "grid: date range",
        `/admin/invoices?limit=20&order=-created_at&created_at[$gte]=${day(120)}&created_at[$lte]=${day(90)}`,
      ],
      [
        "grid: page 200",
        "/admin/invoices?limit=20&offset=3980&order=-created_at",
      ],
      ["log: first page", "/admin/salesforce/sync-log?limit=20&offset=0"],
      [
        "log: status=failed",
        "/admin/salesforce/sync-log?limit=20&status=failed",
      ],
      ["log: q search", "/admin/salesforce/sync-log?limit=20&q=INV-0421"],
      [
        "log: all_attempts",
        "/admin/salesforce/sync-log?limit=20&all_attempts=true",
      ],
      ["runs: overview", "/admin/salesforce/sync-runs?limit=20&offset=0"],
      [
        "runs: detail with failure groups",
        `/admin/salesforce/sync-runs/${SEED.bigRunId}`,
      ],
    ]
    const results: Record<string, Timing> = {}
    for (const [label, url] of cases) {
      const times: number[] = []
      let rows = 0
      for (let i = 0; i < requests + 2; i++) {
        const t = performance.now()
        const res = await fetch(`${baseUrl}${url}`, { headers })
        const body = (await res.json()) as Record<string, unknown>
        const ms = performance.now() - t
        if (!res.ok) {
          throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`)
        }
        if (i >= 2) times.push(ms)
        rows = Number(body.count ?? 1)
      }
      times.sort((a, b) => a - b)
      results[label] = {
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        rows,
      }
    }

    // The export: time to the last byte, and the server's memory while it streams.
    const exportTimes: number[] = []
    let exportRows = 0
    let rssBefore = rssMb(server.pid!)
    let rssPeak = rssBefore
    for (let i = 0; i < requests + 2; i++) {
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, rssMb(server.pid!))
      }, 5)
      const t = performance.now()
      const res = await fetch(
        `${baseUrl}/admin/salesforce/sync-log/export?run_id=${SEED.bigRunId}`,
        { headers }
      )
      const text = await res.text()
      const ms = performance.now() - t
      clearInterval(sampler)
      if (!res.ok) throw new Error(`export: ${res.status} ${text}`)
      exportRows = text.trimEnd().split("\n").length - 1
      if (i === 1) rssBefore = rssMb(server.pid!)
      if (i >= 2) exportTimes.push(ms)
    }
    const rssAfter = rssMb(server.pid!)
    exportTimes.sort((a, b) => a - b)
    const exportTiming = {
      p50: percentile(exportTimes, 50),
      p95: percentile(exportTimes, 95),
      rows: exportRows,
    }

    const width = Math.max(...Object.keys(results).map((k) => k.length)) + 2
    console.log(
      `\nAdmin API on a big store: ${SEED.invoices} invoice documents, ${SEED.attempts} sync attempts (${requests} requests each)\n`
    )
    console.log(
      `  ${"request".padEnd(width)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}  rows`
    )
    const row = (label: string, t: Timing, target: number) =>
      console.log(
        `  ${label.padEnd(width)}${t.p50.toFixed(1).padStart(9)}${t.p95.toFixed(1).padStart(9)}  ${t.rows}  ${t.p95 <= target ? "PASS" : "FAIL"}`
      )
    for (const [label, t] of Object.entries(results))
      row(label, t, TARGETS.p95Ms)
    row("CSV export of one run's failures", exportTiming, TARGETS.exportMs)
    console.log(
      `\n  server RSS around the exports: ${rssBefore.toFixed(0)} MB before, ${rssPeak.toFixed(0)} MB peak, ${rssAfter.toFixed(0)} MB after`
    )
    console.log(
      `  migrate ${migrateSeconds.toFixed(1)} s, seed ${seedSeconds.toFixed(1)} s`
    )
    const worst = Math.max(...Object.values(results).map((t) => t.p95))
    console.log(
      `\nTargets\n  ${worst <= TARGETS.p95Ms ? "PASS" : "FAIL"}  every p95 <= ${TARGETS.p95Ms} ms: worst ${worst.toFixed(1)} ms\n  ${exportTiming.p95 <= TARGETS.exportMs ? "PASS" : "FAIL"}  CSV export of ${exportRows} rows <= ${TARGETS.exportMs} ms: p95 ${exportTiming.p95.toFixed(0)} ms\n`
    )
    if (explain) {
      // The plans PostgreSQL chose for each request, from a second server whose connections log them.
      await stop()
      await client.query(
        `ALTER DATABASE medusa_bench_admin SET session_preload_libraries = 'auto_explain'`
      )
      for (const [name, value] of Object.entries(AUTO_EXPLAIN)) {
        await client.query(
          `ALTER DATABASE medusa_bench_admin SET ${name} = ${value}`
        )
      }
      const second = await startServer(env, baseUrl)
      serverOutput = second.output
      stops.push(second.stop)
      stops.push(async () => {
        await client.query(`ALTER DATABASE medusa_bench_admin RESET ALL`)
      })
      const explainHeaders = await login(baseUrl)
      const exportUrl = `/admin/salesforce/sync-log/export?run_id=${SEED.bigRunId}`
      for (const [label, url] of [...cases, ["CSV export", exportUrl]]) {
        await fetch(`${baseUrl}${url}`, { headers: explainHeaders }).then((r) =>
          r.text()
        )
        pgLog.length = 0
        capture = true
        const res = await fetch(`${baseUrl}${url}`, { headers: explainHeaders })
        await res.text()
        await new Promise((r) => setTimeout(r, 200)) // the log reaches us through a pipe
        capture = false
        console.log(
          `\n===== ${label}: GET ${url} (${res.status})\n${plansOf(pgLog.join(""))}`
        )
      }
    }

    if (json) {
      const round = (t: Timing) => ({
        p50: Math.round(t.p50 * 10) / 10,
        p95: Math.round(t.p95 * 10) / 10,
      })
      console.log(
        JSON.stringify({
          invoices: SEED.invoices,
          attempts: SEED.attempts,
          requests,
          seed_seconds: Math.round(seedSeconds * 10) / 10,
          ms: Object.fromEntries(
            Object.entries(results).map(([k, t]) => [k, round(t)])
          ),
          export: {
            rows: exportRows,
            ...round(exportTiming),
            rss_mb: {
              before: Math.round(rssBefore),
              peak: Math.round(rssPeak),
              after: Math.round(rssAfter),
            },
          },
          worst_p95_ms: Math.round(worst * 10) / 10,
          targets_met:
            worst <= TARGETS.p95Ms && exportTiming.p95 <= TARGETS.exportMs,
        })
      )
    }
    return 0
  } catch (error) {
    if (serverOutput) console.error(serverOutput().slice(-4000))
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
