import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** The Attach PDF setting, and what each document's record holds of its PDF (checksum and File). */
export class Migration20261202010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "msi_salesforce_settings" add column if not exists "attach_pdf" boolean not null default false;`
    )
    this.addSql(
      `alter table if exists "msi_invoice_sync" add column if not exists "pdf_checksum" text null, add column if not exists "pdf_document_id" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "msi_salesforce_settings" drop column if exists "attach_pdf";`
    )
    this.addSql(
      `alter table if exists "msi_invoice_sync" drop column if exists "pdf_checksum", drop column if exists "pdf_document_id";`
    )
  }
}
