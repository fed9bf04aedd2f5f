import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** The sync outbox, the scheduled-job claims, record URLs stored with attempts, and interrupted runs. */
export class Migration20261201235900 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "msi_sync_outbox" ("id" text not null, "seq" serial, "invoice_id" text not null, "run_id" text null, "trigger" text check ("trigger" in ('automatic', 'manual', 'bulk', 'order_numbers', 'retry', 'catch_up')) not null, "started_by" text null, "status" text check ("status" in ('pending', 'claimed', 'done')) not null default 'pending', "lease_owner" text null, "lease_until" timestamptz null, "claims" integer not null default 0, "done_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_sync_outbox_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_sync_outbox_deleted_at" ON "msi_sync_outbox" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_sync_outbox_status_seq" ON "msi_sync_outbox" ("status", "seq") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_sync_outbox_run_id" ON "msi_sync_outbox" ("run_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_sync_outbox_invoice_id_status" ON "msi_sync_outbox" ("invoice_id", "status") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "msi_scheduled_job_claim" ("id" text not null, "last_run_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_scheduled_job_claim_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_scheduled_job_claim_deleted_at" ON "msi_scheduled_job_claim" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "msi_sync_attempt" add column if not exists "salesforce_url" text null, add column if not exists "outbox_id" text null;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_sync_attempt_outbox_id_unique" ON "msi_sync_attempt" ("outbox_id") WHERE deleted_at IS NULL;`
    )

    // The catch-up's clock moved to msi_scheduled_job_claim.
    this.addSql(
      `alter table if exists "msi_salesforce_settings" drop column if exists "catch_up_checked_at";`
    )
    // The inline check's name: msi_ on a fresh database, the 0.1 name on a renamed table.
    this.addSql(
      `alter table if exists "msi_sync_run" drop constraint if exists "msi_sync_run_status_check", drop constraint if exists "sync_run_status_check";`
    )
    this.addSql(
      `alter table if exists "msi_sync_run" add constraint "msi_sync_run_status_check" check ("status" in ('running', 'completed', 'failed', 'interrupted'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "msi_salesforce_settings" add column if not exists "catch_up_checked_at" timestamptz null;`
    )
    this.addSql(`drop table if exists "msi_sync_outbox" cascade;`)
    this.addSql(`drop table if exists "msi_scheduled_job_claim" cascade;`)
    this.addSql(
      `drop index if exists "IDX_msi_sync_attempt_outbox_id_unique"; alter table if exists "msi_sync_attempt" drop column if exists "salesforce_url", drop column if exists "outbox_id";`
    )
    this.addSql(
      `alter table if exists "msi_sync_run" drop constraint if exists "msi_sync_run_status_check";`
    )
    this.addSql(
      `alter table if exists "msi_sync_run" add constraint "msi_sync_run_status_check" check ("status" in ('running', 'completed', 'failed'));`
    )
  }
}
