/**
 * `npm run dev:cluster [-- --workers N]`: the store as Medusa runs in production, on `npm run dev`'s embedded
 * defaults. PostgreSQL, the emulator, migrations, demo data and admin login as `npm run dev`, plus Redis
 * (`redis-server` on a free port with a throw-away folder, unless REDIS_URL is set), then one server process on
 * PORT (9000) and N worker processes (default 2). A process that dies is restarted, as a process manager would,
 * with a delay that doubles while it keeps dying (restart-policy.ts); the cluster stops only when a process died
 * again and again without ever becoming ready. Ctrl-C (or SIGTERM) stops them all, then Redis, the emulator and
 * PostgreSQL.
 */
import { Cluster } from "./lib/cluster"
import {
  onSignals,
  prepareStore,
  startLocalStore,
  stopAll,
} from "./lib/local-store"
import { readyBanner } from "./lib/ready-banner"
import { startRedis } from "./lib/redis"
import { restartDecision } from "./lib/restart-policy"

const log = (line: string) => console.log(`[dev:cluster] ${line}`)
const READY_TIMEOUT_MS = 10 * 60_000

function workerCount(argv: string[]): number {
  const at = argv.findIndex(
    (a) => a === "--workers" || a.startsWith("--workers=")
  )
  if (at < 0) return 2
  const raw = argv[at].includes("=") ? argv[at].split("=")[1] : argv[at + 1]
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(
      `--workers must be a whole number >= 1, not ${JSON.stringify(raw)}`
    )
  }
  return n
}

async function main() {
  const workers = workerCount(process.argv.slice(2))
  const store = await startLocalStore(log)
  let cluster: Cluster | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    await cluster?.stop()
    await stopAll(store.stops, log)
    process.exit(code)
  }
  onSignals(() => void shutdown(0))

  try {
    // Exactly `npm run dev`'s preparation, before Redis: the seed then emits nothing into the shared event bus.
    await prepareStore(store.env, log)
    let redisNote = `Redis:    ${store.env.REDIS_URL} (REDIS_URL)`
    if (!store.env.REDIS_URL) {
      const redis = await startRedis()
      store.stops.push(() => redis.stop())
      store.env.REDIS_URL = redis.url
      redisNote = `Redis:    ${redis.url} (redis-server pid ${redis.pid}, throw-away data)`
    }
    log(`starting 1 server and ${workers} worker process(es)`)
    cluster = await Cluster.start({
      env: store.env,
      serverPort: Number(store.env.PORT),
      workers,
      output: { kind: "prefixed" },
      admin: true,
      onUnexpectedExit: (proc, code, signal, history) => {
        if (stopping) return
        const ended = `${proc.name} (pid ${proc.child.pid}) ended with ${signal ?? `exit code ${code}`}`
        const decision = restartDecision(history)
        if (!decision.restart) {
          log(`${ended}; giving up, ${decision.reason}: stopping the cluster`)
          void shutdown(1)
          return
        }
        log(`${ended}; restarting it in ${decision.afterMs / 1000} s`)
        setTimeout(() => {
          if (stopping) return
          const next = cluster!.restart(proc.name)
          log(`${proc.name} restarted as pid ${next.child.pid}`)
        }, decision.afterMs)
      },
    })
    if (!(await cluster.waitReady(READY_TIMEOUT_MS))) {
      if (!stopping) log("the cluster did not become ready")
      return shutdown(1)
    }
    const base = `http://localhost:${store.env.PORT}`
    console.log(
      readyBanner(base, store, [
        redisNote,
        "Processes:",
        ...cluster.processes.map(
          (p) =>
            `  ${p.role.padEnd(7)} ${p.name.padEnd(9)} pid ${String(p.child.pid).padEnd(8)}` +
            (p.role === "server"
              ? `http://localhost:${p.port}`
              : `health on :${p.port}`)
        ),
      ])
    )
  } catch (e) {
    log(String(e))
    return shutdown(1)
  }
}

main().catch((error) => {
  log(String(error))
  process.exit(1)
})
