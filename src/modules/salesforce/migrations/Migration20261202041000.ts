import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Bulk API 2.0 batches: the jobs each one created (msi_bulk_job), and which outbox rows belong to one. */
export class Migration20261202041000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "msi_bulk_job" ("id" text not null, "batch_id" text not null, "step" text not null, "object" text not null, "job_id" text not null, "state" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "msi_bulk_job_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_bulk_job_deleted_at" ON "msi_bulk_job" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_msi_bulk_job_batch_id_step_unique" ON "msi_bulk_job" ("batch_id", "step") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `alter table if exists "msi_sync_outbox" add column if not exists "bulk_batch_id" text null;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_msi_sync_outbox_bulk_batch_id" ON "msi_sync_outbox" ("bulk_batch_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_msi_sync_outbox_bulk_batch_id";`)
    this.addSql(
      `alter table if exists "msi_sync_outbox" drop column if exists "bulk_batch_id";`
    )
    this.addSql(`drop table if exists "msi_bulk_job" cascade;`)
  }
}
