// Databases built once per test run and copied for each test process. `CREATE DATABASE … TEMPLATE` copies files,
// so a process that would spend 10 to 60 s migrating (and seeding) a new database gets its own in about a second.
// `npm test` builds the migrated schema for the whole-app HTTP tests; the browser harness builds the seeded demo
// store. They live in the test PostgreSQL named by DB_HOST, DB_PORT, DB_USERNAME and DB_PASSWORD.
const { Client } = require("@medusajs/framework/pg")

/** @param {NodeJS.ProcessEnv} env */
function connection(env, database = "postgres") {
  return {
    host: env.DB_HOST,
    port: Number(env.DB_PORT || 5432),
    user: env.DB_USERNAME || "postgres",
    password: env.DB_PASSWORD || "",
    database,
  }
}

/** A URL for `DATABASE_URL`. "localhost" stays "localhost": Medusa turns SSL on for other hosts. */
function databaseUrl(name, env = process.env) {
  const { host, port, user, password } = connection(env)
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${name}`
}

const quote = (name) => `"${name.replace(/"/g, '""')}"`

async function withAdmin(env, fn) {
  const client = new Client(connection(env))
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** A new database `name`, a copy of `template` (which must have no open connections). */
function copyDatabase(template, name, env = process.env) {
  return withAdmin(env, (c) =>
    c.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`)
  )
}

function dropDatabase(name, env = process.env) {
  return withAdmin(env, (c) =>
    c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`)
  )
}

/**
 * The template `name`, built the first time anyone asks: a new database (a copy of `from` when given) that
 * `build(url)` fills, e.g. by running `medusa db:migrate` against it. An advisory lock makes processes that ask at
 * once build it once. It is built under another name and renamed when complete, so a build that dies half-way
 * leaves no template that looks usable.
 */
async function ensureTemplate(name, build, { from, env = process.env } = {}) {
  await withAdmin(env, async (admin) => {
    // Held by this session until it ends.
    await admin.query("SELECT pg_advisory_lock(hashtext($1))", [name])
    const { rowCount } = await admin.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [name]
    )
    if (rowCount) {
      return
    }
    const building = `${name}_building`
    await admin.query(`DROP DATABASE IF EXISTS ${quote(building)} WITH (FORCE)`)
    await admin.query(
      `CREATE DATABASE ${quote(building)}${from ? ` TEMPLATE ${quote(from)}` : ""}`
    )
    await build(databaseUrl(building, env))
    await admin.query(
      `ALTER DATABASE ${quote(building)} RENAME TO ${quote(name)}`
    )
  })
}

/**
 * The seeded demo store that the browser test files of one jest process copy (they run one after another in it);
 * the global teardown drops it.
 */
const browserDemoTemplate = () => `msi_browser_demo_${process.pid}`

module.exports = {
  browserDemoTemplate,
  copyDatabase,
  databaseUrl,
  dropDatabase,
  ensureTemplate,
}
