/**
 * `npm run soak -- --invoices 1000 --workers 2 --kills 2 --fault-rate 0.1` (the defaults): the proof that the sync
 * holds in Medusa's production topology. A script, not a test.
 *
 * On throw-away data (a temporary PostgreSQL, a temporary Redis, an in-memory emulator in this process), it starts
 * one server and N workers, places the orders and captures their payments (the product's subscribers issue the
 * invoices), syncs them with automatic sync on while a bulk sync and a catch-up run at the same time, injects
 * Salesforce faults at the given rate, kill -9s a worker `--kills` times mid-run (restarting it), then lets the
 * catch-up finish. It counts duplicates, missing, unexplained and stuck runs (scripts/soak/counts.ts); its last
 * line is one JSON object, and it exits 0 only when the four counts are 0. Past --timeout-minutes it fails loudly.
 */
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Client } from "pg"
import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import { Cluster } from "./lib/cluster"
import { runMedusa, spawnMedusa, stopGroup } from "./lib/medusa-process"
import { startRedis } from "./lib/redis"
import { adminApi, AdminApi, HttpError } from "./soak/admin-api"
import { countSoak, SoakCounts } from "./soak/counts"
import { CLIENT_TIMEOUT_MS, SoakFaults, startSoakFaults } from "./soak/faults"
import { parseSoakOptions, SoakOptions } from "./soak/options"
import {
  connect,
  invoiceIds,
  progress,
  scheduledCatchUpsPerMinute,
} from "./soak/store-db"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { startEmbeddedPostgres, freePort } = require("./lib/postgres")

const ADMIN = { email: "soak@example.com", password: "soak-password" }
const READY_TIMEOUT_MS = 5 * 60_000
/** The bulk endpoint takes at most 500 invoices a request. */
const BULK_CHUNK = 500

const started = Date.now()
const seconds = () => Math.round((Date.now() - started) / 1000)
const log = (line: string) => console.log(`[soak ${seconds()}s] ${line}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Stop = { name: string; run: () => Promise<void> }

/** Stops what was started, newest first, each bounded: a hung stop must not keep the soak alive. */
async function stopAll(stops: Stop[]) {
  for (const stop of stops.splice(0).reverse()) {
    log(`stopping ${stop.name}`)
    let timer: NodeJS.Timeout | undefined
    const bounded = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`stopping ${stop.name} takes more than 60 s: going on without it`)
        resolve()
      }, 60_000)
    })
    await Promise.race([
      stop.run().catch((e) => log(`stopping ${stop.name} failed: ${e}`)),
      bounded,
    ])
    clearTimeout(timer)
  }
}

/** The store's environment: this soak's database, Redis and emulator, nothing from a developer's own setup. */
function storeEnv(
  databaseUrl: string,
  redisUrl: string,
  emulator: EmulatorHandle
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  // jsforce ignores NO_PROXY: a proxy from the environment would swallow loopback requests.
  for (const key of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"])
    delete env[key]
  return {
    ...env,
    NODE_ENV: "development",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    COOKIE_SECRET: crypto.randomBytes(32).toString("hex"),
    SALESFORCE_LOGIN_URL: emulator.url,
    SALESFORCE_AUTH_FLOW: "client_credentials",
    SALESFORCE_CLIENT_ID: emulator.clientId,
    SALESFORCE_CLIENT_SECRET: emulator.clientSecret,
    SALESFORCE_ENABLE_ON_FIRST_START: "true",
    // The scheduled catch-up every minute, and short retry pauses: the soak is about correctness, not waiting.
    SALESFORCE_CATCH_UP_MINUTES: "1",
    SALESFORCE_RETRY_BASE_DELAY_MS: "200",
    // The store gives up on a call before the emulator's "timeout" fault answers, as it would on a hung org.
    SALESFORCE_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
    // The "daily limit" fault lasts seconds here; the pause it causes should too, or the soak waits an hour.
    SALESFORCE_DAILY_LIMIT_PAUSE_MS: "5000",
  }
}

/** A request that may fail under faults and kills: the soak notes its answer and goes on. */
async function attempt(label: string, run: () => Promise<unknown>) {
  try {
    const answer = (await run()) as Record<string, unknown>
    const summary = JSON.stringify(answer, (key, value) =>
      key === "results" && Array.isArray(value)
        ? `${value.length} results`
        : value
    )
    log(`${label}: ${summary.slice(0, 300)}`)
  } catch (error) {
    log(
      `${label} failed: ${error instanceof HttpError ? error.message : String(error)}`
    )
  }
}

/** The bulk sync of every invoice issued so far, 500 a request, and a catch-up, at the same time. */
async function bulkAndCatchUp(api: AdminApi, db: Client) {
  const ids = await invoiceIds(db)
  log(`bulk sync of ${ids.length} invoices and a catch-up, together`)
  const bulk = (async () => {
    for (let i = 0; i < ids.length; i += BULK_CHUNK) {
      const chunk = ids.slice(i, i + BULK_CHUNK)
      await attempt(`bulk sync ${i + 1}-${i + chunk.length}`, () =>
        api.post(
          "/admin/invoices/salesforce-sync",
          { invoice_ids: chunk },
          15 * 60_000
        )
      )
    }
  })()
  const catchUp = attempt("catch-up", () =>
    api.post("/admin/salesforce/catch-up", {}, 15 * 60_000)
  )
  await Promise.all([bulk, catchUp])
}

/** kill -9 of a worker, restarted at once as a process manager would. */
async function killWorker(cluster: Cluster, k: number) {
  const workers = cluster.workers()
  const victim = workers[k % workers.length]
  const pid = await cluster.kill(victim.name)
  const next = cluster.restart(victim.name)
  log(
    `kill ${k + 1}: kill -9 ${victim.name} (pid ${pid}); restarted as pid ${next.child.pid}`
  )
  void cluster
    .waitProcessReady(next, READY_TIMEOUT_MS)
    .then((ok) =>
      log(`${victim.name} pid ${next.child.pid} ${ok ? "ready" : "NOT ready"}`)
    )
}

/** Orders, the concurrent syncs and the kills; resolves when all orders are paid and the kills are done. */
async function drive(
  options: SoakOptions,
  env: NodeJS.ProcessEnv,
  cluster: Cluster,
  api: AdminApi,
  db: Client,
  regionId: string,
  logsDir: string,
  faults: SoakFaults
) {
  log(`placing ${options.invoices} orders and capturing their payments`)
  const ordersChild = spawnMedusa(
    ["exec", "./scripts/soak/place-orders.ts"],
    {
      ...env,
      SOAK_INVOICES: String(options.invoices),
      SOAK_REGION_ID: regionId,
    },
    ["ignore", "pipe", "pipe"]
  )
  const ordersLog = fs.createWriteStream(path.join(logsDir, "orders.log"))
  ordersChild.stdout!.pipe(ordersLog)
  ordersChild.stderr!.pipe(ordersLog)
  let ordersDone = false
  const orders = new Promise<void>((resolve, reject) =>
    ordersChild.on("exit", (code, signal) => {
      ordersDone = true
      if (code === 0) resolve()
      else
        reject(
          new Error(
            `placing the orders ended with ${signal ?? `exit code ${code}`} (see ${logsDir}/orders.log)`
          )
        )
    })
  )
  orders.catch(() => undefined)

  // Kills at even steps of the invoices issued; the bulk sync and catch-up a third of the way in.
  const killAt = Array.from({ length: options.kills }, (_, k) =>
    Math.floor(((k + 1) * options.invoices) / (options.kills + 1))
  )
  const bulkAt = Math.max(1, Math.floor(options.invoices / 3))
  let kills = 0
  let concurrent: Promise<void> | undefined
  let lastLine = 0
  try {
    while (kills < options.kills || !concurrent || !ordersDone) {
      const now = await progress(db)
      if (Date.now() - lastLine > 10_000) {
        lastLine = Date.now()
        log(
          `invoices ${now.invoices}/${options.invoices}, synced ${now.synced}, queued ${now.queued}, runs unfinished ${now.runningRuns}, faults ${faults.injected()}`
        )
      }
      if (!concurrent && (now.invoices >= bulkAt || ordersDone)) {
        concurrent = bulkAndCatchUp(api, db)
      }
      if (
        kills < options.kills &&
        (now.invoices >= killAt[kills] || ordersDone)
      ) {
        await killWorker(cluster, kills++)
        // A few seconds between kills, so each hits a cluster that was working again.
        if (ordersDone) await sleep(15_000)
      }
      if (ordersDone) await orders
      await sleep(1000)
    }
    await orders
    log("all orders placed and paid")
  } finally {
    await stopGroup(ordersChild)
  }
  await concurrent
}

/** Catch-ups until every invoice is synced and no run is running (the engine's retries need a moment). */
async function settle(api: AdminApi, db: Client, untilMs: number) {
  let lastCatchUp = 0
  let quiet = 0
  while (Date.now() < untilMs) {
    const now = await progress(db)
    const pending = now.orders - now.synced + now.runningRuns + now.queued
    if (pending === 0) {
      // Twice in a row, a few seconds apart: a run may be about to start from an event still in flight.
      if (++quiet >= 2) return true
    } else {
      quiet = 0
      if (Date.now() - lastCatchUp > 20_000) {
        lastCatchUp = Date.now()
        log(
          `settling: ${now.orders - now.invoices} orders without invoice, ${now.invoices - now.synced} invoices not synced, ${now.runningRuns} runs unfinished, ${now.queued} queued; catch-up`
        )
        await attempt("catch-up", () =>
          api.post("/admin/salesforce/catch-up", {}, 10 * 60_000)
        )
      }
    }
    await sleep(3000)
  }
  return false
}

async function main(): Promise<number> {
  const options = parseSoakOptions(process.argv.slice(2))
  const deadline = started + options.timeoutMinutes * 60_000
  const stops: Stop[] = []
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-soak-"))
  // PostgreSQL may run as its own system user (when we are root): it must be able to enter the folder.
  fs.chmodSync(tmp, 0o755)
  const logsDir = path.join(tmp, "logs")
  fs.mkdirSync(logsDir)
  let keepLogs = true
  let faults: SoakFaults | undefined
  let result: (SoakCounts & Record<string, unknown>) | undefined

  // Ctrl-C or SIGTERM: stop everything this soak started, then end without a verdict.
  const interrupt = (signal: string) => {
    log(`${signal}: stopping`)
    void stopAll(stops).then(() => process.exit(130))
  }
  process.once("SIGINT", () => interrupt("SIGINT"))
  process.once("SIGTERM", () => interrupt("SIGTERM"))

  const timer = setTimeout(() => {
    console.error(
      `[soak] FAILED: not done after ${options.timeoutMinutes} minutes; logs in ${logsDir}`
    )
    console.log(
      JSON.stringify({
        invoices: options.invoices,
        workers: options.workers,
        kills: options.kills,
        error: `timed out after ${options.timeoutMinutes} minutes`,
        seconds: seconds(),
      })
    )
    // Stop what we started, bounded: a hung stop must not keep a timed-out soak alive.
    setTimeout(() => process.exit(2), 60_000).unref()
    void stopAll(stops).then(() => process.exit(2))
  }, deadline - Date.now())
  timer.unref()

  try {
    log(
      `invoices=${options.invoices} workers=${options.workers} kills=${options.kills} fault-rate=${options.faultRate}; logs in ${logsDir}`
    )
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "postgres"),
      persistent: false,
    })
    stops.push({ name: "PostgreSQL", run: () => pg.stop() })
    await pg.createDatabase("medusa_soak")
    const redis = await startRedis()
    stops.push({ name: "Redis", run: () => redis.stop() })
    const emulator = await startEmulator({
      port: 0,
      latency: { fixedMs: 10, jitterMs: 10 },
    })
    stops.push({ name: "the emulator", run: () => emulator.stop() })
    const env = storeEnv(pg.url("medusa_soak"), redis.url, emulator)

    log("migrating the throw-away database and creating the admin login")
    await runMedusa(["db:migrate"], env, { quiet: true })
    await runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env, {
      quiet: true,
    })

    const serverPort: number = await freePort(0)
    const cluster = await Cluster.start({
      env,
      serverPort,
      workers: options.workers,
      output: { kind: "files", dir: logsDir },
      admin: false,
      onUnexpectedExit: (proc, code, signal) => {
        const next = cluster.restart(proc.name)
        log(
          `UNEXPECTED: ${proc.name} (pid ${proc.child.pid}) ended with ${signal ?? `exit code ${code}`}; restarted as pid ${next.child.pid}`
        )
      },
    })
    stops.push({ name: "the cluster", run: () => cluster.stop() })
    if (!(await cluster.waitReady(READY_TIMEOUT_MS))) {
      throw new Error(`the cluster did not become ready (logs in ${logsDir})`)
    }
    log(
      `cluster ready: ${cluster.processes.map((p) => `${p.name} pid ${p.child.pid}`).join(", ")}`
    )

    const api = adminApi(`http://127.0.0.1:${serverPort}`)
    await api.login(ADMIN.email, ADMIN.password)
    const { region } = await api.post<{ region: { id: string } }>(
      "/admin/regions",
      {
        name: "Soak",
        currency_code: "eur",
        countries: ["de"],
        payment_providers: ["pp_system_default"],
      }
    )
    await api.post("/admin/salesforce/settings", {
      enabled: true,
      automatic_sync: true,
    })

    const db = await connect(env.DATABASE_URL!)
    stops.push({ name: "the database client", run: () => db.end() })
    faults = await startSoakFaults(emulator, options.faultRate, log)
    stops.push({ name: "the faults", run: () => faults!.stop() })

    await drive(options, env, cluster, api, db, region.id, logsDir, faults)
    await faults.stop()
    log(
      `faults off (${faults.injected()} injected); letting the catch-up finish`
    )
    const settled = await settle(api, db, deadline - 60_000)
    if (!settled) log("NOT settled before the deadline: counting what there is")

    const perMinute = await scheduledCatchUpsPerMinute(db)
    log(
      `scheduled catch-up runs per minute (at most 1 expected): ${perMinute.map((m) => `${m.minute} ${m.runs}`).join(", ") || "none"}`
    )
    log(`faults by class: ${JSON.stringify(faults.byClass())}`)
    const details = await countSoak(env.DATABASE_URL!, (object) =>
      emulator.records(object)
    )
    log(
      `${details.orders} orders, ${details.invoices} invoices, ${details.lines} invoice lines in Salesforce`
    )
    for (const finding of details.findings.slice(0, 100)) log(`  ${finding}`)
    if (details.findings.length > 100)
      log(`  ... and ${details.findings.length - 100} more`)
    result = {
      invoices: details.invoices,
      workers: options.workers,
      kills: options.kills,
      faults_injected: faults.injected(),
      duplicates: details.duplicates,
      missing: details.missing,
      unexplained: details.unexplained,
      stuck_runs: details.stuck_runs,
    }
    keepLogs =
      !settled ||
      details.invoices !== options.invoices ||
      [
        result.duplicates,
        result.missing,
        result.unexplained,
        result.stuck_runs,
      ].some((n) => n !== 0)
  } catch (error) {
    log(`broken: ${error instanceof Error ? error.stack : String(error)}`)
  } finally {
    await stopAll(stops)
    clearTimeout(timer)
  }
  if (keepLogs) {
    const kept = path.join(os.tmpdir(), `medusa-soak-logs-${Date.now()}`)
    fs.renameSync(logsDir, kept)
    log(`process logs kept in ${kept}`)
  }
  fs.rmSync(tmp, { recursive: true, force: true })
  console.log(
    JSON.stringify(
      result
        ? { ...result, seconds: seconds() }
        : {
            invoices: options.invoices,
            workers: options.workers,
            kills: options.kills,
            error: "the soak broke before counting (see above)",
            seconds: seconds(),
          }
    )
  )
  return result && !keepLogs ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
