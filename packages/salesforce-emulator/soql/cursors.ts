import crypto from "node:crypto"
import { apiError } from "../errors"
import { ResultRow } from "./run-query"

// Query locators for nextRecordsUrl paging. Salesforce's look like 01gRO0000016PIAYA2-2000: a cursor id, a dash
// and the offset of the next batch. The rows are fixed when the query runs, as a real query cursor is.

type Cursor = { rows: ResultRow[]; totalSize: number }

// Salesforce keeps a limited number of open cursors per user and drops the oldest; so does the emulator.
const MAX_CURSORS = 50

export type Page = {
  totalSize: number
  done: boolean
  nextRecordsUrl?: string
  records: ResultRow[]
}

export class QueryCursors {
  private cursors = new Map<string, Cursor>()

  /** The first page; the rest stays behind a locator when there are more rows than the batch size. */
  firstPage(
    rows: ResultRow[],
    totalSize: number,
    batchSize: number,
    version: string
  ): Page {
    if (rows.length <= batchSize) {
      return { totalSize, done: true, records: rows }
    }
    const id = `01g${crypto.randomBytes(8).toString("hex").slice(0, 12).toUpperCase()}AAA`
    this.cursors.set(id, { rows, totalSize })
    if (this.cursors.size > MAX_CURSORS) {
      this.cursors.delete(this.cursors.keys().next().value as string)
    }
    return this.page(id, 0, batchSize, version)
  }

  next(locator: string, batchSize: number, version: string): Page {
    const match = /^(.+)-(\d+)$/.exec(locator)
    if (!match || !this.cursors.has(match[1])) {
      throw apiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
    }
    return this.page(match[1], Number(match[2]), batchSize, version)
  }

  clear(): void {
    this.cursors.clear()
  }

  private page(
    id: string,
    offset: number,
    batchSize: number,
    version: string
  ): Page {
    const cursor = this.cursors.get(id) as Cursor
    const end = offset + batchSize
    const records = cursor.rows.slice(offset, end)
    if (end >= cursor.rows.length) {
      this.cursors.delete(id)
      return { totalSize: cursor.totalSize, done: true, records }
    }
    return {
      totalSize: cursor.totalSize,
      done: false,
      nextRecordsUrl: `/services/data/v${version}/query/${id}-${end}`,
      records,
    }
  }
}
