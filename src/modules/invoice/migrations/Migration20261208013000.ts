import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Whether the buyer had an account, kept on each document for the Salesforce customer matching (guests are not
 * matched to existing Contacts by email). Null on the documents issued before: they keep being matched as before.
 */
export class Migration20261208013000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `ALTER TABLE IF EXISTS "msi_invoice" ADD COLUMN IF NOT EXISTS "customer_has_account" boolean NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `ALTER TABLE IF EXISTS "msi_invoice" DROP COLUMN IF EXISTS "customer_has_account";`
    )
  }
}
