import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Tax per rate and per line, shipping as lines, the store-local issue date, the buyer's address, and a numbering
 * series per document type. Existing documents keep their numbers; their lines get rate 0 (they were issued
 * without tax lines) and their issue date is the UTC date they were issued on.
 */
export class Migration20261201233000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "msi_invoice" add column if not exists "tax_breakdown" jsonb not null default '[]', add column if not exists "issue_date" text null, add column if not exists "billing_address" jsonb null, add column if not exists "return_id" text null;`
    )
    this.addSql(
      `update "msi_invoice" set "issue_date" = to_char("issued_at" at time zone 'UTC', 'YYYY-MM-DD') where "issue_date" is null;`
    )
    this.addSql(
      `alter table if exists "msi_invoice" alter column "issue_date" set not null;`
    )
    this.addSql(`DROP INDEX IF EXISTS "IDX_msi_invoice_sequence_unique";`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_invoice_type_sequence_unique" ON "msi_invoice" ("type", "sequence") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `alter table if exists "msi_invoice_line" add column if not exists "kind" text check ("kind" in ('item', 'shipping')) not null default 'item', add column if not exists "shipping_method_id" text null, add column if not exists "original_line_id" text null, add column if not exists "is_tax_inclusive" boolean not null default false, add column if not exists "tax_rate" numeric not null default 0, add column if not exists "raw_tax_rate" jsonb not null default '{"value":"0","precision":20}';`
    )
    // Both series continue from where the shared one stood, so no credit note number repeats an earlier one.
    this.addSql(
      `insert into "msi_invoice_counter" ("id", "value") select 'credit_note', "value" from "msi_invoice_counter" where "id" = 'invoice' on conflict ("id") do nothing;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_msi_invoice_type_sequence_unique";`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_invoice_sequence_unique" ON "msi_invoice" ("sequence") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `alter table if exists "msi_invoice" drop column if exists "tax_breakdown", drop column if exists "issue_date", drop column if exists "billing_address", drop column if exists "return_id";`
    )
    this.addSql(
      `alter table if exists "msi_invoice_line" drop column if exists "kind", drop column if exists "shipping_method_id", drop column if exists "original_line_id", drop column if exists "is_tax_inclusive", drop column if exists "tax_rate", drop column if exists "raw_tax_rate";`
    )
  }
}
