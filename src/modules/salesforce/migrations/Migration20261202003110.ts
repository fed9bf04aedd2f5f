import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The API budget guard (settings: the budget, why syncing paused, the org's last seen usage; one row of our own
 * calls per UTC day) and the attempt viewer (what each attempt sent and got back, a note on it).
 */
export class Migration20261202003110 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "msi_salesforce_settings"
         add column if not exists "pause_kind" text null,
         add column if not exists "pause_reason" text null,
         add column if not exists "api_budget_percent" integer not null default 50,
         add column if not exists "api_used" integer null,
         add column if not exists "api_limit" integer null,
         add column if not exists "api_usage_at" timestamptz null;`
    )
    this.addSql(
      `alter table if exists "msi_sync_attempt"
         add column if not exists "detail" jsonb null,
         add column if not exists "note" text null;`
    )
    this.addSql(
      `create table if not exists "msi_api_call_day" ("id" text not null, "calls" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_api_call_day_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_api_call_day_deleted_at" ON "msi_api_call_day" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "msi_api_call_day" cascade;`)
    this.addSql(
      `alter table if exists "msi_sync_attempt" drop column if exists "detail", drop column if exists "note";`
    )
    this.addSql(
      `alter table if exists "msi_salesforce_settings"
         drop column if exists "pause_kind", drop column if exists "pause_reason",
         drop column if exists "api_budget_percent", drop column if exists "api_used",
         drop column if exists "api_limit", drop column if exists "api_usage_at";`
    )
  }
}
