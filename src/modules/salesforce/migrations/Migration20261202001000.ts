import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Contact and Account ids by customer email, so a known customer costs no lookup query. */
export class Migration20261202001000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "msi_customer_link" ("id" text not null, "contact_id" text not null, "account_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_customer_link_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_customer_link_deleted_at" ON "msi_customer_link" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "msi_customer_link" cascade;`)
  }
}
