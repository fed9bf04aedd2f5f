import { TABLES } from "./tables"

/**
 * The invoice documents the catch-up must send, as SQL: every one without a `synced` sync row (never sent, failed,
 * or changed since) and not already waiting in the outbox, oldest first (ids are time-ordered ULIDs, so credit
 * notes follow their invoices; the two number series share no sequence to page on). One keyset page: its two
 * bindings are the last id of the previous page ("" for the first) and the page size. Each page is a range of the
 * primary key with one probe of the sync row's and the outbox's indexes per document, so a store of any size is
 * read a page at a time; the outbox queues a page with it in one statement (outbox-enqueue-sql.ts).
 */
export const CATCH_UP_CANDIDATES_PAGE = `SELECT i.id FROM ${TABLES.invoice} i
  WHERE i.deleted_at IS NULL AND i.id > ?
    AND NOT EXISTS (
      SELECT 1 FROM ${TABLES.invoiceSync} s
      WHERE s.invoice_id = i.id AND s.status = 'synced' AND s.deleted_at IS NULL)
    AND NOT EXISTS (
      SELECT 1 FROM ${TABLES.syncOutbox} o
      WHERE o.invoice_id = i.id AND o.status IN ('pending', 'claimed') AND o.deleted_at IS NULL)
  ORDER BY i.id
  LIMIT ?`
