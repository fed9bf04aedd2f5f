import path from "node:path"
import type { Logger } from "@medusajs/framework/types"
import { ModulesSdkUtils } from "@medusajs/framework/utils"

// eslint-disable-next-line @typescript-eslint/no-var-requires -- pg ships no types here; only Client is used
const { Client } = require("pg")

// Rows are whatever the test's own SELECT returns; each test states the shape it expects.
type Sql = {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>
}

/** The migrations a store that installed version 0.1 has run (copied from that version, unprefixed tables). */
export const V01_MIGRATIONS = path.join(
  __dirname,
  "..",
  "fixtures",
  "v0.1-migrations"
)

function connectionUrl(database: string) {
  const { DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD } = process.env
  return `postgres://${DB_USERNAME}:${DB_PASSWORD}@${DB_HOST}:${DB_PORT}/${database}`
}

/**
 * A new, empty database on the test server (the jest global setup's PostgreSQL) and a client on it. `close` drops it.
 */
export async function scratchDatabase(prefix: string) {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  const admin = new Client({ connectionString: connectionUrl("postgres") })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const client = new Client({ connectionString: connectionUrl(name) })
  await client.connect()
  return {
    url: connectionUrl(name),
    sql: client as Sql,
    close: async () => {
      await client.end()
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** Runs a module's migrations from `folder` the way `medusa db:migrate` does (recorded in mikro_orm_migrations). */
export async function migrate(moduleName: string, folder: string, url: string) {
  // The script only logs progress (info) and failures (error); the rest of Medusa's Logger is never called.
  const silent = { info: () => {}, error: console.error } as unknown as Logger
  await ModulesSdkUtils.buildMigrationScript({
    moduleName,
    pathToMigrations: folder,
  })({ options: { database: { clientUrl: url } }, logger: silent })
}

/** The table's columns, in order, and its index names. */
export async function describeTable(sql: Sql, table: string) {
  const columns = await sql.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
     ORDER BY ordinal_position`,
    [table]
  )
  const indexes = await sql.query(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 ORDER BY indexname`,
    [table]
  )
  return {
    columns: columns.rows.map((r) => r.column_name as string),
    indexes: indexes.rows.map((r) => r.indexname as string),
  }
}

export async function tableExists(sql: Sql, table: string) {
  const { rows } = await sql.query(`SELECT to_regclass($1) AS oid`, [
    `"${table}"`,
  ])
  return rows[0].oid !== null
}
