import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { renameLegacyTableSql } from "../../../utils/rename-legacy-table"

/**
 * Versions before 0.2 named the tables "invoice_sync", "sync_run", ...: names other plugins may use too. A store
 * that ran those versions gets its tables (and their rows) under our "msi_" names; elsewhere this does nothing.
 */
export class Migration20261201230001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      renameLegacyTableSql({
        from: "invoice_sync",
        to: "msi_invoice_sync",
        ownColumns: ["invoice_id", "salesforce_id", "synced_hash", "line_ids"],
      })
    )
    this.addSql(
      renameLegacyTableSql({
        from: "salesforce_settings",
        to: "msi_salesforce_settings",
        ownColumns: ["automatic_sync", "sync_notes", "paused_until", "catch_up_checked_at"],
      })
    )
    this.addSql(
      renameLegacyTableSql({
        from: "sync_attempt",
        to: "msi_sync_attempt",
        ownColumns: ["run_id", "invoice_id", "trigger", "shown_in_log"],
      })
    )
    this.addSql(
      renameLegacyTableSql({
        from: "sync_run",
        to: "msi_sync_run",
        ownColumns: ["trigger", "started_by", "synced", "failed", "finished_at"],
      })
    )
  }

  override async down(): Promise<void> {
    // Going back to names another plugin may have taken since would be unsafe: the old names are not restored.
  }
}
