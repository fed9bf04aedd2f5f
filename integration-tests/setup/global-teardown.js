const fs = require("node:fs")
const {
  browserDemoTemplate,
  dropDatabase,
} = require("../../scripts/lib/test-databases")

module.exports = async function globalTeardown() {
  const started = globalThis.__EMBEDDED_PG__
  if (!started) {
    // A server of the environment's own (DB_HOST) keeps no demo store the browser tests built in it.
    if (process.env.DB_HOST) {
      await dropDatabase(browserDemoTemplate()).catch(() => undefined)
    }
    return
  }
  await started.pg.stop()
  fs.rmSync(started.dataDir, { recursive: true, force: true })
}
