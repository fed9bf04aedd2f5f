import type { AttemptDetail } from "./attempt-detail"
import type { FieldMappingOptions } from "./field-mapping"
import type { SalesforceConnectionOptions } from "./lib/auth"

export type SalesforceModuleOptions = {
  /** How to reach the org. Without it the module loads, but every sync reports "not configured". */
  connection?: SalesforceConnectionOptions
  /** Turn sync and automatic sync on when the settings are first created (the demo store of `npm run dev`). */
  enableOnFirstStart?: boolean
  /** Transient failures (busy row, 5xx, time-outs) are tried again this many times in all, with backoff. */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number }
  /**
   * An automatic sync waits this many ms before draining, so documents created together go as one batch
   * (the batch is whatever the outbox holds by then). Default 100.
   */
  automaticSyncWindowMs?: number
  /** The sync outbox (what is waiting to be sent, in the database). */
  outbox?: {
    /** How long a drain's claim on a batch lasts without renewal; a drain that died frees it after this. Default 60000. */
    leaseMs?: number
    /** How long a row sync, retry or small bulk request waits for its own outcome. Default 60000. */
    waitTimeoutMs?: number
    /** Bulk requests of at most this many documents wait for their outcomes; larger ones answer a run id. Default 200. */
    waitForAtMost?: number
    /** Test-only: called after Salesforce answered a batch and before its results are committed. */
    afterPush?: (outboxIds: string[]) => Promise<void>
  }
  /**
   * Documents a drain claims, sends and commits together. Their records go in composite requests of up to 1,000
   * records (5 collections of 200), several per batch. Default 1000, at most 5000.
   */
  batchSize?: number
  /**
   * A run (a catch-up, a bulk or manual sync) with more documents than this still to send goes through Bulk API
   * 2.0 ingest jobs, one per object, instead of composite requests; within it, an object with at most this many
   * records still goes as composite requests. Default 2000 (Salesforce's own advice).
   */
  bulkThreshold?: number
  /** Requests to Salesforce in flight at once, where they do not depend on each other. Default 4. */
  concurrency?: number
  /** How often the catch-up job looks for invoices that should be in Salesforce and are not. Default 15. */
  catchUpIntervalMinutes?: number
  /**
   * A spent daily API limit pauses syncing this long, then it looks again (Salesforce counts the limit over a
   * rolling 24 h window). Default 3600000 (an hour).
   */
  dailyLimitPauseMs?: number
  /**
   * Match guest checkouts to existing Contacts by email, as registered customers are. Only for a store that
   * verifies the emails of guest orders: anyone can type someone else's email at checkout. Default false: a guest
   * gets its own Account and Contact, keyed by its Medusa customer.
   */
  matchGuestsByEmail?: boolean
  /** Sync log entries older than this are pruned. Default 183 (six months). */
  logRetentionDays?: number
  /**
   * Where sync alerts (a run with failures, a failing connection, a pause) also go by email, besides the admin's
   * notification feed. Needs a notification provider on the `email` channel.
   */
  alertEmail?: string
  /**
   * Where invoices and lines go in the org, when not the shipped metadata: another object, other field names,
   * fields left out or added (see field-mapping.ts). Checked at start, and against the org by Test connection.
   */
  fieldMapping?: FieldMappingOptions
}

export type SalesforceSettingsDTO = {
  enabled: boolean
  automatic_sync: boolean
  sync_notes: boolean
  /** The share of the org's daily API requests the sync may take, 1-100. */
  api_budget_percent: number
  attach_pdf: boolean
}

export type SyncTrigger =
  "automatic" | "manual" | "bulk" | "order_numbers" | "retry" | "catch_up"

/** The outcome of sending one invoice document. */
export type InvoiceSyncOutcome = {
  invoice_id: string
  status: "synced" | "failed"
  salesforce_id: string | null
  salesforce_url: string | null
  error_code: string | null
  error_message: string | null
  duration_ms: number
  /**
   * Salesforce line ids by Medusa line id, once the records went through: after a success, and after a failure
   * that came later (the PDF upload), so that failure does not lose what the records are in Salesforce.
   */
  line_ids: Record<string, string> | null
  /** What was sent and answered for this document (attempt-detail.ts); stored with the attempt. */
  detail?: AttemptDetail | null
  /** Something to know about an attempt that went through (a Retry past the API budget). */
  note?: string | null
  /** The PDF filed on the record (Attach PDF): its checksum and File; left out, what was stored stays. */
  pdf?: { checksum: string; document_id: string }
}
