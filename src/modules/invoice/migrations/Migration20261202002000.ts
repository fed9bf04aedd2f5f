import { Migration } from "@medusajs/framework/mikro-orm/migrations"

const TABLE = "msi_invoice"

/**
 * Indexes for the invoice grid at 100,000 documents (see `npm run bench:admin-api`): its default order with the
 * tie-break, the order-number filter, and `q` matching anywhere in the number or the customer's email (trigram
 * indexes serve `ILIKE '%...%'`; pg_trgm ships with PostgreSQL).
 */
export class Migration20261202002000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE EXTENSION IF NOT EXISTS pg_trgm;`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_${TABLE}_created_at_sequence" ON "${TABLE}" ("created_at" DESC, "sequence" DESC) WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_${TABLE}_order_display_id" ON "${TABLE}" ("order_display_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_${TABLE}_number_trgm" ON "${TABLE}" USING gin ("number" gin_trgm_ops) WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_${TABLE}_customer_email_trgm" ON "${TABLE}" USING gin ("customer_email" gin_trgm_ops) WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    for (const index of [
      "created_at_sequence",
      "order_display_id",
      "number_trgm",
      "customer_email_trgm",
    ]) {
      this.addSql(`DROP INDEX IF EXISTS "IDX_${TABLE}_${index}";`)
    }
  }
}
