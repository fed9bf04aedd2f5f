import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { renameLegacyTableSql } from "../../../utils/rename-legacy-table"

/**
 * Versions before 0.2 named the tables "invoice", "invoice_line", ...: names Medusa's invoice-generator recipe and
 * other plugins use too. A store that ran those versions gets its tables (and their rows) under our "msi_" names;
 * on any other database this does nothing.
 */
export class Migration20261201230000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      renameLegacyTableSql({
        from: "invoice",
        to: "msi_invoice",
        ownColumns: ["sequence", "source_key", "order_display_id", "original_invoice_id"],
      })
    )
    this.addSql(
      renameLegacyTableSql({
        from: "invoice_line",
        to: "msi_invoice_line",
        ownColumns: ["line_item_id", "invoice_id", "raw_unit_price", "rank"],
      })
    )
    this.addSql(
      renameLegacyTableSql({
        from: "invoice_comment",
        to: "msi_invoice_comment",
        ownColumns: ["text", "author_id", "author_name", "invoice_id"],
      })
    )
    this.addSql(
      renameLegacyTableSql({
        from: "invoice_counter",
        to: "msi_invoice_counter",
        ownColumns: ["id", "value"],
      })
    )
  }

  override async down(): Promise<void> {
    // Going back to names another plugin may have taken since would be unsafe: the old names are not restored.
  }
}
