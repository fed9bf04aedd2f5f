import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The log's default row of a document is now its latest attempt (see insertAttempts): a document that failed after
 * it had succeeded showed its older success, and so no Retry. Shows such a document's latest attempt instead.
 */
export class Migration20261208010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      WITH stale AS (
        SELECT DISTINCT s.invoice_id FROM msi_sync_attempt s JOIN msi_sync_attempt f
          ON f.invoice_id = s.invoice_id AND f.created_at > s.created_at AND f.deleted_at IS NULL
        WHERE s.shown_in_log AND s.status = 'synced' AND s.deleted_at IS NULL),
      latest AS (
        SELECT DISTINCT ON (a.invoice_id) a.invoice_id, a.id FROM msi_sync_attempt a JOIN stale USING (invoice_id)
        WHERE a.deleted_at IS NULL ORDER BY a.invoice_id, a.created_at DESC, a.id DESC)
      UPDATE msi_sync_attempt a SET shown_in_log = (a.id = l.id), updated_at = now()
      FROM latest l
      WHERE a.invoice_id = l.invoice_id AND a.deleted_at IS NULL AND a.shown_in_log <> (a.id = l.id);`)
  }

  override async down(): Promise<void> {
    // Which success an older version showed instead is not worth restoring: the rows stay as they are.
  }
}
