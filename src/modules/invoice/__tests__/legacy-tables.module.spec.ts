import path from "node:path"
import {
  describeTable,
  migrate,
  scratchDatabase,
  tableExists,
  V01_MIGRATIONS,
} from "../../../../integration-tests/helpers/migrations"
import { INVOICE_MODULE } from ".."

jest.setTimeout(60_000)

const MIGRATIONS = path.join(__dirname, "..", "migrations")

describe("invoice tables of an existing store", () => {
  it("are renamed to msi_ with their rows, indexes and constraints when the store ran version 0.1", async () => {
    const db = await scratchDatabase("msi_legacy_invoice")
    try {
      await migrate(
        INVOICE_MODULE,
        path.join(V01_MIGRATIONS, "invoice"),
        db.url
      )
      await db.sql.query(
        `INSERT INTO invoice (id, sequence, number, type, source_key, order_id, order_display_id, currency_code,
           subtotal, discount_total, shipping_total, tax_total, total, issued_at, raw_subtotal, raw_discount_total,
           raw_shipping_total, raw_tax_total, raw_total)
         VALUES ('inv_1', 1, 'INV-000001', 'invoice', 'order:order_1', 'order_1', 7, 'eur', 10, 0, 0, 2, 12, now(),
           '{"value":"10"}', '{"value":"0"}', '{"value":"0"}', '{"value":"2"}', '{"value":"12"}')`
      )
      await db.sql.query(
        `INSERT INTO invoice_line (id, title, quantity, unit_price, discount_total, tax_total, total, invoice_id,
           raw_quantity, raw_unit_price, raw_discount_total, raw_tax_total, raw_total)
         VALUES ('invl_1', 'Shirt', 1, 10, 0, 2, 12, 'inv_1', '{"value":"1"}', '{"value":"10"}', '{"value":"0"}',
           '{"value":"2"}', '{"value":"12"}')`
      )
      await db.sql.query(
        `INSERT INTO invoice_comment (id, text, author_name, invoice_id) VALUES ('invc_1', 'Paid', 'Ada', 'inv_1')`
      )
      await db.sql.query(
        `INSERT INTO invoice_counter (id, value) VALUES ('invoice', 1)`
      )

      await migrate(INVOICE_MODULE, MIGRATIONS, db.url)

      for (const old of [
        "invoice",
        "invoice_line",
        "invoice_comment",
        "invoice_counter",
      ]) {
        expect(await tableExists(db.sql, old)).toBe(false)
      }
      const { rows: invoices } = await db.sql.query(
        `SELECT id, number, total FROM msi_invoice`
      )
      expect(invoices).toEqual([
        { id: "inv_1", number: "INV-000001", total: "12" },
      ])
      const { rows: lines } = await db.sql.query(
        `SELECT id, invoice_id FROM msi_invoice_line`
      )
      expect(lines).toEqual([{ id: "invl_1", invoice_id: "inv_1" }])
      const { rows: comments } = await db.sql.query(
        `SELECT id, text FROM msi_invoice_comment`
      )
      expect(comments).toEqual([{ id: "invc_1", text: "Paid" }])
      const { rows: counters } = await db.sql.query(
        `SELECT id, value FROM msi_invoice_counter`
      )
      // Credit notes got their own series later, continuing from where the shared one stood.
      expect(counters).toEqual([
        { id: "invoice", value: 1 },
        { id: "credit_note", value: 1 },
      ])

      // The same names a fresh install creates, so later generated migrations find what they expect.
      expect((await describeTable(db.sql, "msi_invoice")).indexes).toEqual([
        "IDX_msi_invoice_created_at",
        "IDX_msi_invoice_deleted_at",
        "IDX_msi_invoice_number_unique",
        "IDX_msi_invoice_order_id",
        "IDX_msi_invoice_source_key_unique",
        "IDX_msi_invoice_type_sequence_unique",
        "msi_invoice_pkey",
      ])
      const { rows: constraints } = await db.sql.query(
        `SELECT conname FROM pg_constraint WHERE conrelid = 'msi_invoice_line'::regclass AND contype IN ('p', 'f')
         ORDER BY conname`
      )
      expect(constraints.map((c) => c.conname)).toEqual([
        "msi_invoice_line_invoice_id_foreign",
        "msi_invoice_line_pkey",
      ])
      // The foreign key still holds: deleting the invoice cascades to its line.
      await db.sql.query(`DELETE FROM msi_invoice WHERE id = 'inv_1'`)
      const { rows: left } = await db.sql.query(
        `SELECT count(*)::int AS n FROM msi_invoice_line`
      )
      expect(left[0].n).toBe(0)
    } finally {
      await db.close()
    }
  })

  it("leaves another plugin's invoice table alone (the invoice-generator recipe's shape) and creates ours", async () => {
    const db = await scratchDatabase("msi_foreign_invoice")
    try {
      // What Medusa's invoice-generator recipe creates for its `invoice` model.
      await db.sql.query(
        `CREATE TABLE "invoice" ("id" text NOT NULL, "display_id" serial, "order_id" text NOT NULL,
           "status" text CHECK ("status" IN ('latest', 'stale')) NOT NULL DEFAULT 'latest', "pdfContent" jsonb NOT NULL,
           "created_at" timestamptz NOT NULL DEFAULT now(), "updated_at" timestamptz NOT NULL DEFAULT now(),
           "deleted_at" timestamptz NULL, CONSTRAINT "invoice_pkey" PRIMARY KEY ("id"))`
      )
      await db.sql.query(
        `CREATE INDEX "IDX_invoice_deleted_at" ON "invoice" ("deleted_at") WHERE deleted_at IS NULL`
      )
      await db.sql.query(
        `INSERT INTO "invoice" (id, order_id, "pdfContent") VALUES ('theirs_1', 'order_1', '{}')`
      )
      const before = await describeTable(db.sql, "invoice")

      await migrate(INVOICE_MODULE, MIGRATIONS, db.url)

      expect(await describeTable(db.sql, "invoice")).toEqual(before)
      const { rows } = await db.sql.query(`SELECT id FROM "invoice"`)
      expect(rows).toEqual([{ id: "theirs_1" }])
      const ours = await describeTable(db.sql, "msi_invoice")
      expect(ours.columns).toEqual(
        expect.arrayContaining([
          "sequence",
          "source_key",
          "original_invoice_id",
        ])
      )
      expect(ours.indexes).toContain("IDX_msi_invoice_deleted_at")
    } finally {
      await db.close()
    }
  })
})
