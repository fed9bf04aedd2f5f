/**
 * `npm run test:install`: installs the plugin the way a merchant does and checks it works there.
 *
 * Packs this repository (`npm pack`, which runs `medusa plugin:build`), creates a brand-new Medusa 2.21 store in a
 * temporary folder (its own package.json, tsconfig and medusa-config.ts: nothing from this repository but the
 * tarball), installs the tarball, registers the plugin with options pointing at a Salesforce emulator, migrates,
 * builds the admin, starts the store and checks, over HTTP only, that the admin routes answer, that the admin bundle
 * holds our pages and widget, and that an order paid in that store gets an invoice with its Salesforce ID.
 *
 * The database (embedded PostgreSQL) and the emulator come from this repository's test harness; the store never
 * sees their code. The last line is "N passed, N failed", like `npm test`'s.
 */
import { ChildProcess, spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { startEmulator } from "salesforce-emulator"
import {
  NEIGHBOUR_MODULE_PATH,
  neighbourInvoiceFiles,
} from "./install-test/neighbour-invoice-module"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by jest
const { startEmbeddedPostgres } = require("./lib/postgres")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA_VERSION = "2.21.2"
const PLUGIN = "medusa-salesforce-invoices"
const ADMIN = { email: "merchant@example.com", password: "install-test" }
const KEEP = process.env.TEST_INSTALL_KEEP === "1"

const started = Date.now()
const results: { name: string; ok: boolean; detail?: string }[] = []
const log = (line: string) =>
  console.log(
    `[test:install +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`
  )

function check(name: string, ok: boolean, detail?: string) {
  results.push({ name, ok, detail })
  console.log(
    `  ${ok ? "✓" : "✕"} ${name}${ok || !detail ? "" : `: ${detail}`}`
  )
}

/** Runs a command to its end; its output goes to `logFile`, and to the error when it fails. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string }
): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(options.logFile, "a")
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", out, out],
    })
    child.on("exit", (code) => {
      fs.closeSync(out)
      if (code === 0) {
        resolve()
        return
      }
      const tail = fs
        .readFileSync(options.logFile, "utf8")
        .split("\n")
        .slice(-30)
        .join("\n")
      reject(
        new Error(`${command} ${args.join(" ")} exited with ${code}\n${tail}`)
      )
    })
  })
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs` with the last error. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value !== undefined) {
        return value
      }
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`)
}

function storeFiles(tarball: string): Record<string, string> {
  const packageJson = {
    name: "install-test-store",
    version: "0.0.0",
    private: true,
    scripts: {},
    dependencies: {
      "@medusajs/admin-sdk": MEDUSA_VERSION,
      "@medusajs/cli": MEDUSA_VERSION,
      "@medusajs/draft-order": MEDUSA_VERSION,
      "@medusajs/framework": MEDUSA_VERSION,
      "@medusajs/medusa": MEDUSA_VERSION,
      [PLUGIN]: `file:${tarball}`,
    },
    devDependencies: {
      "@swc/core": "^1.7.28",
      "@types/node": "^20.12.11",
      "ts-node": "^10.9.2",
      typescript: "^5.6.2",
      vite: "^5.4.14",
    },
  }
  const tsconfig = {
    compilerOptions: {
      target: "ES2021",
      esModuleInterop: true,
      module: "Node16",
      moduleResolution: "Node16",
      emitDecoratorMetadata: true,
      experimentalDecorators: true,
      skipLibCheck: true,
      declaration: false,
      outDir: "./.medusa/server",
      rootDir: "./",
      jsx: "react-jsx",
      resolveJsonModule: true,
      strictNullChecks: true,
    },
    include: ["**/*", ".medusa/types/*"],
    exclude: ["node_modules", ".medusa/server", ".medusa/admin", "src/admin"],
  }
  // What a merchant writes: the plugin entry with its options, here read from the environment.
  const medusaConfig = `import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET,
      cookieSecret: process.env.COOKIE_SECRET,
    },
  },
  admin: { disable: process.env.ADMIN_DISABLED === "true" },
  // The store's own invoice module (the invoice-generator recipe's names): the plugin must live beside it.
  modules: [{ resolve: "${NEIGHBOUR_MODULE_PATH}" }],
  plugins: [
    {
      resolve: "${PLUGIN}",
      options: {
        salesforce: {
          loginUrl: process.env.SALESFORCE_LOGIN_URL,
          clientId: process.env.SALESFORCE_CLIENT_ID,
          clientSecret: process.env.SALESFORCE_CLIENT_SECRET,
          enableOnFirstStart: true,
        },
        invoices: { numberPrefix: "SHOP-" },
      },
    },
  ],
})
`
  return {
    "package.json": JSON.stringify(packageJson, null, 2),
    "tsconfig.json": JSON.stringify(tsconfig, null, 2),
    "medusa-config.ts": medusaConfig,
    ...neighbourInvoiceFiles,
  }
}

/**
 * The store's lockfile, as a store that already runs Medusa has one: this repository's, with the store as its root.
 * npm keeps every locked version the store's dependencies still reach and prunes the rest (our test tools, and
 * anything the tarball needs but does not declare), so the install resolves nothing from the registry and takes
 * seconds of copying from npm's cache instead of minutes of resolving a tree. The tarball's own entry is new to it.
 */
function storeLockfile(storePackage: {
  name: string
  version: string
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}) {
  const lock = JSON.parse(
    fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")
  )
  const { name, version, dependencies, devDependencies } = storePackage
  return {
    ...lock,
    name,
    version,
    packages: {
      ...lock.packages,
      "": { name, version, dependencies, devDependencies },
    },
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "msi-install-test-"))
  // PostgreSQL may run as its own system user (when we are root): it must be able to enter the folder.
  fs.chmodSync(tmp, 0o755)
  const storeDir = path.join(tmp, "store")
  const logFile = path.join(tmp, "commands.log")
  const stops: Array<() => Promise<void>> = []
  let server: ChildProcess | undefined
  log(`working in ${tmp} (command output in ${logFile})`)

  try {
    // 1. The tarball, as `npm pack` makes it (prepack builds the plugin).
    await run("npm", ["pack", "--pack-destination", tmp], {
      cwd: ROOT,
      logFile,
    })
    const tarball = fs
      .readdirSync(tmp)
      .find((f) => f.startsWith(`${PLUGIN}-`) && f.endsWith(".tgz"))
    if (!tarball) throw new Error("npm pack made no tarball")
    const tarballPath = path.join(tmp, tarball)
    log(
      `packed ${tarball}: ${(fs.statSync(tarballPath).size / 1024).toFixed(0)} kB`
    )

    // 2. A new store with the tarball installed.
    fs.mkdirSync(path.join(storeDir, "src"), { recursive: true })
    const files = storeFiles(tarballPath)
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(storeDir, file)), { recursive: true })
      fs.writeFileSync(path.join(storeDir, file), content)
    }
    fs.writeFileSync(
      path.join(storeDir, "package-lock.json"),
      JSON.stringify(storeLockfile(JSON.parse(files["package.json"])))
    )
    await run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund"],
      { cwd: storeDir, logFile }
    )
    log("store installed")
    const installed = JSON.parse(
      fs.readFileSync(
        path.join(storeDir, "node_modules", PLUGIN, "package.json"),
        "utf8"
      )
    )
    check(
      "the store installs the tarball",
      installed.name === PLUGIN,
      installed.name
    )
    check(
      "the plugin brings no test harness or demo code",
      !fs.existsSync(
        path.join(storeDir, "node_modules", "salesforce-emulator")
      ) &&
        !fs.existsSync(path.join(storeDir, "node_modules", PLUGIN, "scripts"))
    )

    // 3. The database and the Salesforce emulator (loaded with the metadata the tarball ships).
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, "pg"),
      persistent: false,
    })
    stops.push(() => pg.stop())
    await pg.createDatabase("store")
    for (const key of [
      "HTTP_PROXY",
      "HTTPS_PROXY",
      "http_proxy",
      "https_proxy",
    ])
      delete process.env[key]
    const emulator = await startEmulator({
      port: 0,
      schemaDir: path.join(
        storeDir,
        "node_modules",
        PLUGIN,
        "salesforce",
        "force-app",
        "main",
        "default"
      ),
    })
    stops.push(() => emulator.stop())
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: pg.url("store"),
      JWT_SECRET: crypto.randomBytes(16).toString("hex"),
      COOKIE_SECRET: crypto.randomBytes(16).toString("hex"),
      SALESFORCE_LOGIN_URL: emulator.url,
      SALESFORCE_CLIENT_ID: emulator.clientId,
      SALESFORCE_CLIENT_SECRET: emulator.clientSecret,
      PORT: String(port),
    }
    const medusa = path.join(storeDir, "node_modules", ".bin", "medusa")

    // 4. Migrations (ours among them) and an admin login; the admin bundle is built meanwhile.
    const adminBuild = run(medusa, ["build", "--admin-only"], {
      cwd: storeDir,
      env,
      logFile,
    })
    // Awaited below; until then a failed build must not end the process unreported (an unhandled rejection).
    adminBuild.catch(() => undefined)
    await run(medusa, ["db:migrate"], { cwd: storeDir, env, logFile })
    await run(medusa, ["user", "-e", ADMIN.email, "-p", ADMIN.password], {
      cwd: storeDir,
      env,
      logFile,
    })
    log("migrated")

    // 5. The store, started as a merchant runs it (the admin is checked in its build below).
    server = spawn(medusa, ["start"], {
      cwd: storeDir,
      env: { ...env, ADMIN_DISABLED: "true" },
      stdio: [
        "ignore",
        fs.openSync(path.join(tmp, "server.log"), "a"),
        "inherit",
      ],
      detached: true,
    })
    const base = `http://localhost:${port}`
    await eventually(
      "the store to answer /health",
      async () => ((await fetch(`${base}/health`)).ok ? true : undefined),
      180_000
    )
    log("store started")
    await checkStore(base, emulator)

    await adminBuild
    checkAdminBundle(path.join(storeDir, ".medusa", "admin"))
    await checkBadOptionStopsStart(medusa, storeDir, {
      ...env,
      ADMIN_DISABLED: "true",
      PORT: String(await freePort()),
      SALESFORCE_CLIENT_SECRET: "",
    })
  } catch (error) {
    check("the install test ran to its end", false, String(error))
  } finally {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r))
      process.kill(-server.pid, "SIGTERM")
      await exited
    }
    for (const stop of stops.reverse()) {
      await stop().catch((e) => log(`stop failed: ${e}`))
    }
    if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true })
  }

  const failed = results.filter((r) => !r.ok).length
  log(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  console.log(`${results.length - failed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>

/** The admin API as a merchant's admin uses it, then an order paid and followed to Salesforce. */
async function checkStore(base: string, emulator: Emulator) {
  const login = await fetch(`${base}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  })
  const { token } = (await login.json()) as { token: string }
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    // The store's own API: each check below states the fields it reads.
    const json = (await res.json().catch(() => ({}))) as any
    if (!res.ok) {
      throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
    }
    return json
  }

  const invoices = await call("GET", "/admin/invoices")
  check(
    "GET /admin/invoices answers the invoice list",
    Array.isArray(invoices.invoices) && invoices.count === 0,
    JSON.stringify(invoices)
  )
  const connection = await call("GET", "/admin/salesforce/connection")
  check(
    "GET /admin/salesforce/connection shows the configured emulator, no secret",
    JSON.stringify(connection).includes(emulator.url) &&
      !JSON.stringify(connection).includes(emulator.clientSecret),
    JSON.stringify(connection)
  )
  const { settings } = await call("GET", "/admin/salesforce/settings")
  check(
    "the plugin options reached the module (sync enabled on first start)",
    settings?.enabled === true && settings?.automatic_sync === true,
    JSON.stringify(settings)
  )
  const unauthenticated = await fetch(`${base}/admin/invoices`)
  check(
    "the invoice routes need an admin login",
    unauthenticated.status === 401,
    String(unauthenticated.status)
  )

  // An order, paid: the store's own draft-order and payment-collection routes.
  const { regions } = await call("GET", "/admin/regions?limit=1")
  const region =
    regions[0] ??
    (
      await call("POST", "/admin/regions", {
        name: "Europe",
        currency_code: "eur",
        countries: ["de"],
        payment_providers: ["pp_system_default"],
      })
    ).region
  const { sales_channels } = await call("GET", "/admin/sales-channels?limit=1")
  const { draft_order } = await call("POST", "/admin/draft-orders", {
    email: "buyer@example.com",
    region_id: region.id,
    sales_channel_id: sales_channels[0]?.id,
    items: [{ title: "Install-test shirt", unit_price: 25, quantity: 2 }],
  })
  const { order } = await call(
    "POST",
    `/admin/draft-orders/${draft_order.id}/convert-to-order`
  )
  const { payment_collection } = await call(
    "POST",
    "/admin/payment-collections",
    { order_id: order.id, amount: 50 }
  )
  await call(
    "POST",
    `/admin/payment-collections/${payment_collection.id}/mark-as-paid`,
    { order_id: order.id }
  )

  const invoice = await eventually(
    "the paid order's invoice to get its Salesforce ID",
    async () => {
      const { invoices } = await call(
        "GET",
        `/admin/invoices?order_id=${order.id}`
      )
      return invoices[0]?.salesforce_id ? invoices[0] : undefined
    },
    60_000
  ).catch((error) => {
    check(
      "an order paid in the store gets an invoice in Salesforce",
      false,
      String(error)
    )
    return undefined
  })
  if (!invoice) return
  const record = emulator
    .records("Medusa_Invoice__c")
    .find((r) => r.Id === invoice.salesforce_id)
  check(
    "an order paid in the store gets an invoice in Salesforce",
    !!record &&
      invoice.number.startsWith("SHOP-") &&
      record.Name === invoice.number &&
      Number(record.Total__c) === 50 &&
      Number(invoice.total) === 50,
    JSON.stringify({ invoice, record })
  )

  // The store's own `invoice` entity (the recipe's names) answers to its name; ours keep theirs.
  await call("POST", "/admin/generated-invoices", { order_id: order.id })
  const neighbour = await call("GET", "/admin/generated-invoices")
  const linkedOrder = neighbour.orders?.[0]
  check(
    "a store's own `invoice` module and order link work beside the plugin's",
    neighbour.invoices?.length === 1 &&
      neighbour.invoices[0].order_id === order.id &&
      linkedOrder?.invoices?.length === 1 &&
      linkedOrder.msi_invoices?.[0]?.number === invoice.number,
    JSON.stringify(neighbour)
  )
}

/** Our UI routes and widget are in the admin the store built (its bundle, not our source). */
function checkAdminBundle(adminDir: string) {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith(".js")) files.push(full)
    }
  }
  walk(adminDir)
  const bundle = files.map((f) => fs.readFileSync(f, "utf8")).join("\n")
  // Texts only our admin code has (the dashboard's own bundle has none of them).
  for (const [what, marker] of [
    ["the invoice grid page", "/admin/invoices/salesforce-sync"],
    ["the sync log page", "Invoice Sync Log"],
    ["the Salesforce settings page", "Enable Invoice Synchronization"],
    ["the order page widget", "order-invoices-widget"],
  ]) {
    check(`the admin bundle contains ${what}`, bundle.includes(marker), marker)
  }
}

/** A store whose options miss a required one does not start, and says which option. */
async function checkBadOptionStopsStart(
  medusa: string,
  cwd: string,
  env: NodeJS.ProcessEnv
) {
  const expected =
    "medusa-salesforce-invoices: options.salesforce.clientSecret is required when authFlow is client_credentials"
  let output = ""
  const child = spawn(medusa, ["start"], { cwd, env, detached: true })
  child.stdout.on("data", (chunk) => (output += chunk))
  child.stderr.on("data", (chunk) => (output += chunk))
  const exited = new Promise<number | null>((r) => child.once("exit", r))
  const code = await Promise.race([
    exited,
    new Promise<"running">((r) => setTimeout(() => r("running"), 180_000)),
  ])
  if (code === "running" && child.pid) {
    process.kill(-child.pid, "SIGTERM")
    await exited
  }
  check(
    "a missing option stops the start, naming the option",
    code !== "running" && code !== 0 && output.includes(expected),
    `exit ${code}; ${output.split("\n").slice(-5).join(" | ")}`
  )
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

void main()
