#!/usr/bin/env node
// `npm test`: every jest project, then one closing line with the totals. (One file alone:
// NODE_OPTIONS=--experimental-vm-modules npx jest <path> --runInBand --forceExit.)
// Medusa's test runners keep process-wide state (module registries, ORM metadata), so a jest process can hold one
// module-runner file or one whole-app test file, not more: each module and HTTP test file gets its own jest process.
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

const ROOT = path.join(__dirname, "..")
const jest = path.join(ROOT, "node_modules", "jest", "bin", "jest.js")
const httpDir = path.join(ROOT, "integration-tests", "http")

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
const httpSpecs = fs
  .readdirSync(httpDir)
  .filter((f) => /\.spec\.[jt]s$/.test(f))
  .sort()
  .map((f) => path.join(httpDir, f))

const runs = [
  { projects: ["unit", "emulator"] },
  ...moduleSpecs.map((f) => ({ projects: ["module"], files: [f] })),
  ...httpSpecs.map((f) => ({ projects: ["http"], files: [f] })),
  { projects: ["browser"] },
]

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-sf-jest-"))
let passed = 0
let failed = 0
let broken = false

for (const [i, run] of runs.entries()) {
  const out = path.join(outDir, `run-${i}.json`)
  const result = spawnSync(
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
    {
      cwd: ROOT,
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim(),
      },
    }
  )
  if (!fs.existsSync(out)) {
    broken = true
    continue
  }
  const summary = JSON.parse(fs.readFileSync(out, "utf8"))
  passed += summary.numPassedTests
  failed += summary.numFailedTests
  // A suite that fails to load counts no failed test but must still fail the run.
  broken ||= result.status !== 0 || summary.numRuntimeErrorTestSuites > 0
}
fs.rmSync(outDir, { recursive: true, force: true })
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(broken || failed > 0 ? 1 : 0)
