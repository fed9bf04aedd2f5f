#!/usr/bin/env node
// `npm test`: every jest project and the install test, then one closing line with the totals. (One file alone:
// NODE_OPTIONS=--experimental-vm-modules npx jest <path> --runInBand --forceExit; or `npm test -- <words>`, the
// processes whose name holds one of the words, e.g. `npm test -- browser salesforce-sync.spec`, with what they need.)
// Medusa's test runners keep process-wide state (module registries, ORM metadata), so a jest process can hold one
// module-runner file or one whole-app test file, not more: each module and HTTP test file gets its own jest process.
// The processes share nothing but one PostgreSQL started here (each test runner makes its own uniquely named
// database in it), so they run side by side: TEST_CONCURRENCY at a time, the longest first. The default is one
// more than the cores: every process spends part of its time waiting (on PostgreSQL, the emulator, a browser),
// and on this 2-core machine 3 at a time finish the suite in 5.2 minutes where 2 take 8 and 4 take 6.5.
// Each process's output is printed in one piece when it ends.
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
  // `npm run test:install`: the packed plugin in a new store, with its own PostgreSQL (a few minutes).
  {
    name: "install",
    command: [
      path.join(ROOT, "node_modules", ".bin", "ts-node"),
      path.join(ROOT, "scripts", "test-install.ts"),
    ],
  },
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

/** Runs a command to its end; resolves with its exit status and its output, stdout and stderr as they came. */
function capture(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    const output = []
    child.stdout.on("data", (d) => output.push(d))
    child.stderr.on("data", (d) => output.push(d))
    child.on("error", (error) =>
      output.push(Buffer.from(`${command}: ${error.message}\n`))
    )
    child.on("close", (status) =>
      resolve({ status, output: Buffer.concat(output) })
    )
  })
}

const seconds = (started) => ((Date.now() - started) / 1000).toFixed(1)

/**
 * Builds the migrated database every whole-app test file copies. Resolves with whether it was built; its output is
 * printed, like a test process's, when it ends.
 */
async function migrateTemplate(name, env) {
  const started = Date.now()
  let output = ""
  const migrate = async (url) => {
    const result = await capture(medusa, ["db:migrate", "--skip-scripts"], {
      ...env,
      DATABASE_URL: url,
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? "",
    })
    output = result.output
    if (result.status !== 0) {
      throw new Error(`medusa db:migrate exited with ${result.status}`)
    }
  }
  let error = null
  await ensureTemplate(name, migrate, { env }).catch((e) => (error = e))
  process.stdout.write(
    `\n=== migrated database (${seconds(started)} s)\n${error ? `${output}\n${error.stack}\n` : ""}`
  )
  return !error
}

/**
 * The counts of one test process: jest's JSON report, or else its last totals line: jest's "Tests:" line (jest
 * fails to write the report for some errors, e.g. a child process's) or the install test's "N passed, N failed".
 * A process that printed neither counts as one failure.
 */
function counts(report, output) {
  if (report && fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"))
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      // A suite that fails to load counts no failed test but must still fail the run.
      loadErrors: json.numRuntimeErrorTestSuites,
    }
  }
  const line = String(output)
    .match(/^(Tests:.*|\d+ passed, \d+ failed)$/gm)
    ?.pop()
  if (!line) {
    return { passed: 0, failed: 1, loadErrors: 0 }
  }
  const count = (word) =>
    Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0)
  return { passed: count("passed"), failed: count("failed"), loadErrors: 0 }
}

/** Runs one test process (a jest process, or the install test); resolves with its exit status and counts. */
async function runTests(run, report, env) {
  const started = Date.now()
  const { status, output } = run.projects
    ? await capture(
        process.execPath,
        [
          jest,
          "--runInBand",
          "--forceExit",
          "--passWithNoTests",
          "--selectProjects",
          ...run.projects,
          "--json",
          `--outputFile=${report}`,
          ...(run.files ?? []),
        ],
        env
      )
    : await capture(run.command[0], run.command.slice(1), {
        ...env,
        NODE_OPTIONS: process.env.NODE_OPTIONS ?? "",
      })
  process.stdout.write(`\n=== ${run.name} (${seconds(started)} s)\n${output}`)
  return { status, ...counts(run.projects && report, output) }
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
  const pending = [
    // Only when a chosen process copies it (`npm test -- unit` has none).
    ...(runs.some((r) => r.needs === MIGRATED)
      ? [{ name: "migrated database", provides: MIGRATED }]
      : []),
    ...runs,
  ]
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
      const result = await runTests(
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
