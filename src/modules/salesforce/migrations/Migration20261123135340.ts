import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Creates the "msi_" tables. Versions before 0.2 created the same tables unprefixed (e.g. "invoice_sync") with
// "create table if not exists", which adopted another plugin's table of that name; a store that ran them has this
// migration recorded and gets its tables renamed by the next one instead.

export class Migration20261123135340 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "msi_invoice_sync" drop constraint if exists "msi_invoice_sync_invoice_id_unique";`);
    this.addSql(`create table if not exists "msi_invoice_sync" ("id" text not null, "invoice_id" text not null, "status" text check ("status" in ('synced', 'failed', 'outdated')) not null, "salesforce_id" text null, "salesforce_url" text null, "synced_hash" text null, "line_ids" jsonb null, "synced_at" timestamptz null, "error_code" text null, "error_message" text null, "last_attempt_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_invoice_sync_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_sync_deleted_at" ON "msi_invoice_sync" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_invoice_sync_invoice_id_unique" ON "msi_invoice_sync" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_invoice_sync_status" ON "msi_invoice_sync" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "msi_salesforce_settings" ("id" text not null, "enabled" boolean not null default false, "automatic_sync" boolean not null default false, "sync_notes" boolean not null default false, "connection_error" text null, "connection_checked_at" timestamptz null, "paused_until" timestamptz null, "catch_up_checked_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_salesforce_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_salesforce_settings_deleted_at" ON "msi_salesforce_settings" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "msi_sync_attempt" ("id" text not null, "run_id" text not null, "invoice_id" text not null, "invoice_number" text not null, "order_id" text not null, "order_display_id" integer not null, "document_type" text not null, "amount" numeric not null, "currency_code" text not null, "trigger" text check ("trigger" in ('automatic', 'manual', 'bulk', 'order_numbers', 'retry', 'catch_up')) not null, "started_by" text null, "status" text check ("status" in ('synced', 'failed')) not null, "error_code" text null, "error_message" text null, "duration_ms" integer not null, "salesforce_id" text null, "shown_in_log" boolean not null default true, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_sync_attempt_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_attempt_deleted_at" ON "msi_sync_attempt" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_attempt_invoice_id_created_at" ON "msi_sync_attempt" ("invoice_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_attempt_run_id" ON "msi_sync_attempt" ("run_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_attempt_created_at" ON "msi_sync_attempt" ("created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_attempt_status" ON "msi_sync_attempt" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_attempt_shown_in_log_created_at" ON "msi_sync_attempt" ("shown_in_log", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "msi_sync_run" ("id" text not null, "trigger" text check ("trigger" in ('automatic', 'manual', 'bulk', 'order_numbers', 'retry', 'catch_up')) not null, "started_by" text null, "status" text check ("status" in ('running', 'completed', 'failed')) not null default 'running', "total" integer not null default 0, "synced" integer not null default 0, "failed" integer not null default 0, "finished_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_sync_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_run_deleted_at" ON "msi_sync_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_msi_sync_run_created_at" ON "msi_sync_run" ("created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "msi_invoice_sync" cascade;`);

    this.addSql(`drop table if exists "msi_salesforce_settings" cascade;`);

    this.addSql(`drop table if exists "msi_sync_attempt" cascade;`);

    this.addSql(`drop table if exists "msi_sync_run" cascade;`);
  }

}
