const fs = require("node:fs")

module.exports = async function globalTeardown() {
  const started = globalThis.__EMBEDDED_PG__
  if (!started) {
    return
  }
  await started.pg.stop()
  fs.rmSync(started.dataDir, { recursive: true, force: true })
}
