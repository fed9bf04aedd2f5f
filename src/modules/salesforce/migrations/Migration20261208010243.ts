import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261208010243 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "msi_sync_outbox" add column if not exists "failures" integer not null default 0, add column if not exists "last_error" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "msi_sync_outbox" drop column if exists "failures", drop column if exists "last_error";`);
  }

}
