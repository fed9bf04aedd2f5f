#!/usr/bin/env node
// `npm test`: every jest project, in groups that must not share one jest process (Medusa's module runner and its
// HTTP runner both keep process-wide state), then one closing line with the totals.
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

const GROUPS = [
  ["unit", "emulator", "module"],
  ["http"],
  ["browser"],
]

const jest = path.join(__dirname, "..", "node_modules", "jest", "bin", "jest.js")
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-sf-jest-"))
const extra = process.argv.slice(2)
let passed = 0
let failed = 0
let broken = false

for (const [i, projects] of GROUPS.entries()) {
  const out = path.join(outDir, `group-${i}.json`)
  const run = spawnSync(
    process.execPath,
    [jest, "--runInBand", "--forceExit", "--passWithNoTests", "--selectProjects", ...projects, "--json", `--outputFile=${out}`, ...extra],
    {
      stdio: "inherit",
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim() },
    }
  )
  if (!fs.existsSync(out)) {
    broken = true
    continue
  }
  const result = JSON.parse(fs.readFileSync(out, "utf8"))
  passed += result.numPassedTests
  failed += result.numFailedTests
  // A suite that fails to load counts no failed test but must still fail the run.
  broken ||= run.status !== 0 || result.numRuntimeErrorTestSuites > 0
}
fs.rmSync(outDir, { recursive: true, force: true })
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(broken || failed > 0 ? 1 : 0)
