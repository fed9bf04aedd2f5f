/**
 * `npm run dev`: everything a new user needs, on embedded defaults.
 * PostgreSQL (embedded unless DATABASE_URL is set) -> the Salesforce emulator (unless SALESFORCE_LOGIN_URL is set)
 * -> migrations -> demo data and admin user -> `medusa develop`. Ctrl-C stops Medusa, then the rest.
 */
import { ChildProcess, spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { startEmulator } from "salesforce-emulator"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { startEmbeddedPostgres } = require("./lib/postgres")

const ROOT = path.resolve(__dirname, "..")
// Under .medusa/: ignored by git and by the dev server's file watcher (a change there would restart it forever).
const DATA_DIR = path.join(ROOT, ".medusa", "data")
const PORT = process.env.PORT ?? "9000"
const ADMIN_EMAIL = process.env.MEDUSA_ADMIN_EMAIL ?? "admin@example.com"
const ADMIN_PASSWORD = process.env.MEDUSA_ADMIN_PASSWORD ?? "supersecret"

const log = (line: string) => console.log(`[dev] ${line}`)

/** Secrets generated once per checkout and kept out of the repository. */
function localSecrets(): { JWT_SECRET: string; COOKIE_SECRET: string } {
  const file = path.join(DATA_DIR, "secrets.json")
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  }
  const secrets = {
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    COOKIE_SECRET: crypto.randomBytes(32).toString("hex"),
  }
  fs.mkdirSync(DATA_DIR, { recursive: true })
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 })
  return secrets
}

/** `detached` puts the child in its own process group, so stopping it also stops the server `develop` forks. */
function medusa(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(path.join(ROOT, "node_modules", ".bin", "medusa"), args, {
    cwd: ROOT,
    env,
    stdio: "inherit",
    detached: true,
  })
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    medusa(args, env).on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`medusa ${args.join(" ")} exited with ${code}`))
    )
  })
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT,
    MEDUSA_ADMIN_EMAIL: ADMIN_EMAIL,
    MEDUSA_ADMIN_PASSWORD: ADMIN_PASSWORD,
  }
  const stops: Array<() => Promise<void>> = []

  if (!env.DATABASE_URL) {
    log("starting the embedded PostgreSQL (data in .medusa/data/postgres)")
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "postgres"),
      port: Number(env.EMBEDDED_POSTGRES_PORT ?? 5433),
      persistent: true,
    })
    stops.push(() => pg.stop())
    await pg.createDatabase("medusa")
    env.DATABASE_URL = pg.url("medusa")
  } else {
    log("using the PostgreSQL server in DATABASE_URL")
  }
  Object.assign(env, {
    ...localSecrets(),
    ...pickDefined(process.env, ["JWT_SECRET", "COOKIE_SECRET"]),
  })

  let salesforceNote = `Salesforce: ${env.SALESFORCE_LOGIN_URL}`
  if (!env.SALESFORCE_LOGIN_URL) {
    const emulator = await startEmulator({
      port: Number(env.SF_EMULATOR_PORT ?? 4010),
      clientId: env.SF_EMULATOR_CLIENT_ID || undefined,
      clientSecret: env.SF_EMULATOR_CLIENT_SECRET || undefined,
      persistFile: path.join(DATA_DIR, "salesforce-emulator.json"),
    })
    stops.push(() => emulator.stop())
    log(
      `Salesforce emulator on ${emulator.url} (records kept in .medusa/data/salesforce-emulator.json)`
    )
    Object.assign(env, {
      SALESFORCE_LOGIN_URL: emulator.url,
      SALESFORCE_AUTH_FLOW: "client_credentials",
      SALESFORCE_CLIENT_ID: emulator.clientId,
      SALESFORCE_CLIENT_SECRET: emulator.clientSecret,
      // The demo store starts with sync and automatic sync on, so invoices get their Salesforce IDs at once.
      SALESFORCE_ENABLE_ON_FIRST_START: "true",
    })
    salesforceNote = `Salesforce: emulator at ${emulator.url} (client id ${emulator.clientId})`
  }

  let server: ChildProcess | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r))
      process.kill(-server.pid, "SIGTERM")
      await exited
    }
    for (const stop of stops.reverse()) {
      await stop().catch((e) => log(`stop failed: ${e}`))
    }
    process.exit(code)
  }
  process.on("SIGINT", () => void shutdown(0))
  process.on("SIGTERM", () => void shutdown(0))

  try {
    log("applying migrations")
    await run(["db:migrate"], env)
    log("loading the demo data and the admin user (skipped when already there)")
    await run(["exec", "./scripts/demo/seed-demo.ts"], env)
  } catch (e) {
    log(String(e))
    return shutdown(1)
  }

  server = medusa(["develop"], env)
  server.on("exit", (code) => void shutdown(code ?? 0))
  announceWhenReady(`http://localhost:${PORT}`, salesforceNote)
}

function pickDefined(source: NodeJS.ProcessEnv, keys: string[]) {
  return Object.fromEntries(
    keys.filter((k) => source[k]).map((k) => [k, source[k]])
  )
}

/** Prints the admin URL and login once the server answers its health check. */
function announceWhenReady(base: string, salesforceNote: string) {
  const started = Date.now()
  const poll = async () => {
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) {
        console.log(
          [
            "",
            "  Medusa with Salesforce invoice sync is ready.",
            `  Admin:    ${base}/app`,
            `  Login:    ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`,
            `  Invoices: ${base}/app/invoices`,
            `  ${salesforceNote}`,
            "",
          ].join("\n")
        )
        return
      }
    } catch {
      // not listening yet
    }
    if (Date.now() - started < 10 * 60_000) setTimeout(poll, 1000)
  }
  setTimeout(poll, 2000)
}

void main()
