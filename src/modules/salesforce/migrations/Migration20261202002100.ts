import { Migration } from "@medusajs/framework/mikro-orm/migrations"

const TABLE = "msi_sync_attempt"

/**
 * Indexes for the sync log at 1,000,000 attempts (see `npm run bench:admin-api`): each list order with its
 * tie-break (the log's default rows, a status, every attempt), a run's failures in export order, and `q` on the
 * invoice number anywhere (trigram) or the order number.
 */
export class Migration20261202002100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE EXTENSION IF NOT EXISTS pg_trgm;`)
    const indexes: Record<string, string> = {
      shown_created_at_id: `("shown_in_log", "created_at" DESC, "id" DESC)`,
      status_shown_created_at_id: `("status", "shown_in_log", "created_at" DESC, "id" DESC)`,
      created_at_id: `("created_at" DESC, "id" DESC)`,
      run_id_status_created_at_id: `("run_id", "status", "created_at" DESC, "id" DESC)`,
      order_display_id: `("order_display_id")`,
      invoice_number_trgm: `USING gin ("invoice_number" gin_trgm_ops)`,
    }
    for (const [name, columns] of Object.entries(indexes)) {
      this.addSql(
        `CREATE INDEX IF NOT EXISTS "IDX_${TABLE}_${name}" ON "${TABLE}" ${columns} WHERE deleted_at IS NULL;`
      )
    }
  }

  override async down(): Promise<void> {
    for (const name of [
      "shown_created_at_id",
      "status_shown_created_at_id",
      "created_at_id",
      "run_id_status_created_at_id",
      "order_display_id",
      "invoice_number_trgm",
    ]) {
      this.addSql(`DROP INDEX IF EXISTS "IDX_${TABLE}_${name}";`)
    }
  }
}
