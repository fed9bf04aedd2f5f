// One PostgreSQL for the whole jest run. With DB_HOST set (CI with its own server) nothing is started.
const os = require("node:os")
const path = require("node:path")
const fs = require("node:fs")
const { startEmbeddedPostgres } = require("../../scripts/lib/postgres")

module.exports = async function globalSetup() {
  if (process.env.DB_HOST) {
    return
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-sf-test-pg-"))
  // PostgreSQL may run as its own system user (when we are root): it must be able to enter the folder.
  fs.chmodSync(dataDir, 0o755)
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "data"),
    persistent: false,
  })
  // Jest runs the tests in this same process (--runInBand), so these reach the test runners.
  // "localhost", not 127.0.0.1: Medusa's test runner turns SSL on for any database URL without "localhost".
  process.env.DB_HOST = "localhost"
  process.env.DB_PORT = String(pg.port)
  process.env.DB_USERNAME = pg.user
  process.env.DB_PASSWORD = pg.password
  globalThis.__EMBEDDED_PG__ = { pg, dataDir }
}
