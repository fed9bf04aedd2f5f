#!/usr/bin/env node
// `npm test`: every jest project, then one closing line with the totals. (One file alone:
// NODE_OPTIONS=--experimental-vm-modules npx jest <path> --runInBand --forceExit.)
// Medusa's test runners keep process-wide state (module registries, ORM metadata), so a jest process can hold one
// module-runner file or one whole-app test file, not more: each module and HTTP test file gets its own jest process.
// The processes share nothing but one PostgreSQL started here (each test runner makes its own uniquely named
// database in it), so they run side by side: TEST_CONCURRENCY at a time (default 2, this machine's cores), the
// longest first. Each process's output is printed in one piece when it ends.
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { startEmbeddedPostgres, THROWAWAY_SETTINGS } = require("./lib/postgres")

const ROOT = path.join(__dirname, "..")
const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js")
const httpDir = path.join(ROOT, "integration-tests", "http")
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY) || 2)

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
const runs = [
  { name: "browser", projects: ["browser"] },
  ...fs
    .readdirSync(httpDir)
    .filter((f) => /\.spec\.[jt]s$/.test(f))
    .map((f) => path.join(httpDir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)
    .map((f) => ({
      name: `http ${path.basename(f)}`,
      projects: ["http"],
      files: [f],
    })),
  ...moduleSpecs.map((f) => ({
    name: `module ${path.basename(f)}`,
    projects: ["module"],
    files: [f],
  })),
  { name: "unit, emulator", projects: ["unit", "emulator"] },
]

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

/** Runs one jest process; resolves with its exit status and JSON summary (null when jest wrote none). */
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
      const summary = fs.existsSync(out)
        ? JSON.parse(fs.readFileSync(out, "utf8"))
        : null
      resolve({ status, summary })
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
  let passed = 0
  let failed = 0
  let broken = false
  let next = 0
  const lane = async () => {
    while (next < runs.length) {
      const i = next++
      const { status, summary } = await runJest(
        runs[i],
        path.join(outDir, `run-${i}.json`),
        env
      )
      if (!summary) {
        broken = true
        continue
      }
      passed += summary.numPassedTests
      failed += summary.numFailedTests
      // A suite that fails to load counts no failed test but must still fail the run.
      broken ||= status !== 0 || summary.numRuntimeErrorTestSuites > 0
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, lane))
  } finally {
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
