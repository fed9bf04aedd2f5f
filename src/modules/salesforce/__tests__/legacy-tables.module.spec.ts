import path from "node:path"
import {
  describeTable,
  migrate,
  scratchDatabase,
  tableExists,
  V01_MIGRATIONS,
} from "../../../../integration-tests/helpers/migrations"
import { SALESFORCE_MODULE } from ".."

jest.setTimeout(60_000)

const MIGRATIONS = path.join(__dirname, "..", "migrations")

describe("Salesforce sync tables of an existing store", () => {
  it("are renamed to msi_ with their rows and indexes when the store ran version 0.1", async () => {
    const db = await scratchDatabase("msi_legacy_salesforce")
    try {
      await migrate(
        SALESFORCE_MODULE,
        path.join(V01_MIGRATIONS, "salesforce"),
        db.url
      )
      await db.sql.query(
        `INSERT INTO invoice_sync (id, invoice_id, status, salesforce_id) VALUES ('isync_1', 'inv_1', 'synced', 'a01')`
      )
      await db.sql.query(
        `INSERT INTO salesforce_settings (id, enabled, automatic_sync) VALUES ('default', true, true)`
      )
      await db.sql.query(
        `INSERT INTO sync_run (id, trigger, status, total, synced) VALUES ('srun_1', 'manual', 'completed', 1, 1)`
      )
      await db.sql.query(
        `INSERT INTO sync_attempt (id, run_id, invoice_id, invoice_number, order_id, order_display_id, document_type,
           amount, currency_code, trigger, status, duration_ms, raw_amount)
         VALUES ('satt_1', 'srun_1', 'inv_1', 'INV-000001', 'order_1', 7, 'invoice', 12, 'eur', 'manual', 'synced', 5,
           '{"value":"12"}')`
      )

      await migrate(SALESFORCE_MODULE, MIGRATIONS, db.url)

      for (const old of [
        "invoice_sync",
        "salesforce_settings",
        "sync_run",
        "sync_attempt",
      ]) {
        expect(await tableExists(db.sql, old)).toBe(false)
      }
      const read = async (sql: string) => (await db.sql.query(sql)).rows
      expect(
        await read(`SELECT id, salesforce_id FROM msi_invoice_sync`)
      ).toEqual([{ id: "isync_1", salesforce_id: "a01" }])
      expect(
        await read(
          `SELECT id, enabled, automatic_sync FROM msi_salesforce_settings`
        )
      ).toEqual([{ id: "default", enabled: true, automatic_sync: true }])
      expect(await read(`SELECT id, synced FROM msi_sync_run`)).toEqual([
        { id: "srun_1", synced: 1 },
      ])
      expect(await read(`SELECT id, run_id FROM msi_sync_attempt`)).toEqual([
        { id: "satt_1", run_id: "srun_1" },
      ])
      expect((await describeTable(db.sql, "msi_invoice_sync")).indexes).toEqual(
        [
          "IDX_msi_invoice_sync_deleted_at",
          "IDX_msi_invoice_sync_invoice_id_unique",
          "IDX_msi_invoice_sync_status",
          "msi_invoice_sync_pkey",
        ]
      )
    } finally {
      await db.close()
    }
  })

  it("creates its own tables beside another plugin's sync_run table, leaving that one alone", async () => {
    const db = await scratchDatabase("msi_foreign_sync_run")
    try {
      await db.sql.query(
        `CREATE TABLE "sync_run" ("id" text PRIMARY KEY, "provider" text NOT NULL)`
      )
      await db.sql.query(`INSERT INTO "sync_run" VALUES ('theirs', 'erp')`)

      await migrate(SALESFORCE_MODULE, MIGRATIONS, db.url)

      expect((await describeTable(db.sql, "sync_run")).columns).toEqual([
        "id",
        "provider",
      ])
      expect(await tableExists(db.sql, "msi_sync_run")).toBe(true)
    } finally {
      await db.close()
    }
  })
})
