#!/usr/bin/env node
// `npm test`: every jest project, then one closing line with the totals. (One file alone:
// NODE_OPTIONS=--experimental-vm-modules npx jest <path> --runInBand --forceExit; or `npm test -- <words>`, the
// processes whose name holds one of the words, e.g. `npm test -- browser salesforce-sync.spec`, with what they need.)
// Medusa's test runners keep process-wide state (module registries, ORM metadata), so a jest process can hold one
// module-runner file or one whole-app test file, not more: each module and HTTP test file gets its own jest process.
// The processes share nothing but one PostgreSQL started here (each test runner makes its own uniquely named
// database in it), so they run side by side: TEST_CONCURRENCY at a time, the longest first. The default is one
// more than the cores: every process spends part of its time waiting (on PostgreSQL, the emulator, a browser),
// and on this 2-core machine 3 at a time finish the suite in 5.2 minutes where 2 take 8 and 4 take 6.5. Each process's output is printed in one piece when it ends.
// Migrating a new database takes a whole-app test file 10 s or more, and the browser harness three times that: the
// schema is migrated once here (`medusa db:migrate`, without the data scripts, as Medusa's test runner migrates),
// and every file that needs it starts on a copy (MSI_TEST_MIGRATED_DB; see integration-tests/helpers/runner.ts).
const { spawn } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { startEmbeddedPostgres, THROWAWAY_SETTINGS } = require("./lib/postgres")
const { dropDatabase, ensureTemplate } = require("./lib/test-databases")

const ROOT = path.join(__dirname, "..")
const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js")
const medusa = path.join(ROOT, "node_modules", ".bin", "medusa")
const httpDir = path.join(ROOT, "integration-tests", "http")
const concurrency = Math.max(
  1,
  Number(process.env.TEST_CONCURRENCY) || os.cpus().length + 1
)

const modulesDir = path.join(ROOT, "src", "modules")
const moduleSpecs = fs
  .readdirSync(modulesDir)
  .flatMap((m) => {
    const dir = path.join(modulesDir, m, "__tests__")
    return fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => /\.module\.spec\.[jt]s$/.test(f))
          .map((f) => path.join(dir, f))
      : []
  })
  .sort()

// Longest first, so the last process to start is a short one: the browser suite boots a whole store and drives
// chromium; HTTP files take roughly their size in time; then the module files, then the unit and emulator tests.
const MIGRATED = "migrated"
const allRuns = [
  { name: "browser", projects: ["browser"], needs: MIGRATED },
  ...fs
    .readdirSync(httpDir)
    .filter((f) => /\.spec\.[jt]s$/.test(f))
    .map((f) => path.join(httpDir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)
    .map((f) => ({
      name: `http ${path.basename(f)}`,
      projects: ["http"],
      files: [f],
      needs: MIGRATED,
    })),
  ...moduleSpecs.map((f) => ({
    name: `module ${path.basename(f)}`,
    projects: ["module"],
    files: [f],
  })),
  { name: "unit, emulator", projects: ["unit", "emulator"] },
]
const words = process.argv.slice(2)
const runs = words.length
  ? allRuns.filter((r) => words.some((w) => r.name.includes(w)))
  : allRuns

/** One PostgreSQL for every process, unless the environment names one (CI with its own server). */
async function database(tmp) {
  if (process.env.DB_HOST) {
    return { env: {}, stop: async () => {} }
  }
  const dataDir = path.join(tmp, "pg")
  fs.mkdirSync(dataDir)
  // PostgreSQL may run as its own system user (when we are root): it must be able to enter the folder.
  fs.chmodSync(dataDir, 0o755)
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "data"),
    persistent: false,
    settings: THROWAWAY_SETTINGS,
  })
  return {
    // "localhost", not 127.0.0.1: Medusa's test runner turns SSL on for any database URL without "localhost".
    env: {
      DB_HOST: "localhost",
      DB_PORT: String(pg.port),
      DB_USERNAME: pg.user,
      DB_PASSWORD: pg.password,
    },
    stop: () => pg.stop(),
  }
}

/**
 * Builds the migrated database every whole-app test file copies. Resolves with whether it was built; its output is
 * printed, like a jest process's, when it ends.
 */
async function migrateTemplate(name, env) {
  const started = Date.now()
  const output = []
  const migrate = (url) =>
    new Promise((resolve, reject) => {
      const child = spawn(medusa, ["db:migrate", "--skip-scripts"], {
        cwd: ROOT,
        env: {
          ...env,
          DATABASE_URL: url,
          NODE_OPTIONS: process.env.NODE_OPTIONS ?? "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      })
      child.stdout.on("data", (d) => output.push(d))
      child.stderr.on("data", (d) => output.push(d))
      child.on("error", reject)
      child.on("close", (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`medusa db:migrate exited with ${code}`))
      )
    })
  let error = null
  await ensureTemplate(name, migrate, { env }).catch((e) => (error = e))
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  process.stdout.write(
    `\n=== migrated database (${seconds} s)\n${error ? `${Buffer.concat(output)}\n${error.stack}\n` : ""}`
  )
  return !error
}

/**
 * The counts of one jest process: its JSON report, or, when jest could not write one (it fails to serialise some
 * errors, e.g. a child process's), its "Tests:" line; a process that printed neither counts as one failure.
 */
function counts(out, output) {
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, "utf8"))
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      // A suite that fails to load counts no failed test but must still fail the run.
      loadErrors: report.numRuntimeErrorTestSuites,
    }
  }
  const line = String(output)
    .match(/^Tests:.*$/gm)
    ?.pop()
  if (!line) {
    return { passed: 0, failed: 1, loadErrors: 0 }
  }
  const count = (word) =>
    Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0)
  return { passed: count("passed"), failed: count("failed"), loadErrors: 0 }
}

/** Runs one jest process; resolves with its exit status and counts. */
function runJest(run, out, env) {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(
      process.execPath,
      [
        jest,
        "--runInBand",
        "--forceExit",
        "--passWithNoTests",
        "--selectProjects",
        ...run.projects,
        "--json",
        `--outputFile=${out}`,
        ...(run.files ?? []),
      ],
      { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] }
    )
    const output = []
    child.stdout.on("data", (d) => output.push(d))
    child.stderr.on("data", (d) => output.push(d))
    child.on("close", (status) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      process.stdout.write(
        `\n=== ${run.name} (${seconds} s)\n${Buffer.concat(output)}`
      )
      resolve({ status, ...counts(out, Buffer.concat(output)) })
    })
  })
}

async function main() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-sf-jest-"))
  fs.chmodSync(outDir, 0o755)
  const db = await database(outDir)
  const env = {
    ...process.env,
    ...db.env,
    NODE_OPTIONS:
      `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim(),
  }
  const migrated = `msi_migrated_${crypto.randomBytes(4).toString("hex")}`
  let passed = 0
  let failed = 0
  let broken = false
  // A run waits for what it needs; a lane with nothing it can start waits for the next run to end.
  const ready = new Set()
  const pending = [{ name: "migrated database", provides: MIGRATED }, ...runs]
  const waiting = []
  const wake = () => waiting.splice(0).forEach((resolve) => resolve())
  const lane = async () => {
    while (pending.length) {
      const i = pending.findIndex((r) => !r.needs || ready.has(r.needs))
      if (i < 0) {
        await new Promise((resolve) => waiting.push(resolve))
        continue
      }
      const [run] = pending.splice(i, 1)
      if (run.provides === MIGRATED) {
        // When it fails, the files that wanted it migrate their own databases, as they do when run alone.
        if (await migrateTemplate(migrated, env)) {
          env.MSI_TEST_MIGRATED_DB = migrated
        } else {
          broken = true
        }
        ready.add(MIGRATED)
        wake()
        continue
      }
      const result = await runJest(
        run,
        path.join(outDir, `run-${runs.indexOf(run)}.json`),
        env
      )
      wake()
      passed += result.passed
      failed += result.failed
      broken ||= result.status !== 0 || result.loadErrors > 0
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, lane))
  } finally {
    // A server of the environment's own keeps no copy; a PostgreSQL started here goes entirely.
    await dropDatabase(migrated, env).catch(() => undefined)
    await db.stop()
    fs.rmSync(outDir, { recursive: true, force: true })
  }
  console.log(`\n${passed} passed, ${failed} failed`)
  process.exit(broken || failed > 0 ? 1 : 0)
}

main().catch((error) => {
  console.error(error)
  console.log(`\n0 passed, 0 failed`)
  process.exit(1)
})
