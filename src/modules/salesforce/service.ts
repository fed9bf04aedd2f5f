import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { SalesforceClient } from "./lib/client"
import type { RecordResult } from "./lib/record-results"
import type { SalesforceRecord } from "./mapping"
import InvoiceSync from "./models/invoice-sync"
import SalesforceSettings from "./models/salesforce-settings"
import ScheduledJobClaim from "./models/scheduled-job-claim"
import SyncAttempt from "./models/sync-attempt"
import SyncOutboxEntry from "./models/sync-outbox-entry"
import SyncRun from "./models/sync-run"
import { parsePluginOptions, type PluginOptions } from "../../plugin-options"
import {
  claimOutboxBatch,
  claimScheduledJob,
  countIntoRuns,
  fenceOutboxRows,
  OutboxClaim,
  reclaimExpiredLeases,
  releaseOutboxClaim,
  renewOutboxLease,
  SqlExecutor,
} from "./outbox-sql"
import type {
  InvoiceSyncOutcome,
  SalesforceModuleOptions,
  SalesforceSettingsDTO,
  SyncTrigger,
} from "./types"

const SETTINGS_ID = "default"
/** How long a spent daily limit pauses syncing before we look again. */

type InjectedDependencies = {
  salesforceClient: SalesforceClient | null
}

export type NewSyncAttempt = {
  run_id: string
  invoice_id: string
  invoice_number: string
  order_id: string
  order_display_id: number
  document_type: string
  amount: number | string
  currency_code: string
  trigger:
    "automatic" | "manual" | "bulk" | "order_numbers" | "retry" | "catch_up"
  started_by: string | null
  status: "synced" | "failed"
  error_code: string | null
  error_message: string | null
  duration_ms: number
  salesforce_id: string | null
  salesforce_url?: string | null
  outbox_id?: string | null
}

export type ResolvedSalesforceOptions = {
  automaticSyncWindowMs: number
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number }
  batchSize: number
  catchUpIntervalMinutes: number
  dailyLimitPauseMs: number
  logRetentionDays: number
  enableOnFirstStart: boolean
  outbox: {
    leaseMs: number
    waitTimeoutMs: number
    waitForAtMost: number
    afterPush?: (entryIds: string[]) => Promise<void>
  }
}

export type { OutboxClaim } from "./outbox-sql"

/** What a drain sends back to commit: its claims, the documents' fields the log copies, and the outcomes. */
export type OutboxCommit = {
  owner: string
  claims: OutboxClaim[]
  documents: {
    id: string
    number: string
    order_id: string
    order_display_id: number
    type: string
    total: number | string
    currency_code: string
  }[]
  outcomes: InvoiceSyncOutcome[]
  halt: { kind: "auth" | "daily_limit"; message: string } | null
}

/** A pending request to send one document, as the enqueue step writes it. */
export type NewOutboxEntry = {
  invoice_id: string
  trigger: SyncTrigger
  started_by: string | null
  run_id: string | null
}

class SalesforceModuleService extends MedusaService({
  SalesforceSettings,
  InvoiceSync,
  SyncAttempt,
  SyncRun,
  SyncOutboxEntry,
  ScheduledJobClaim,
}) {
  protected readonly client_: SalesforceClient | null
  protected readonly connection_: SalesforceModuleOptions["connection"]
  readonly options: ResolvedSalesforceOptions

  constructor(
    container: InjectedDependencies,
    pluginOptions: PluginOptions = {}
  ) {
    super(container, pluginOptions)
    // The plugin hands every module all of its options; this module reads the `salesforce` part.
    const options = parsePluginOptions(pluginOptions).salesforce
    this.client_ = container.salesforceClient
    this.connection_ = options.connection
    this.options = {
      retry: {
        maxAttempts: options.retry?.maxAttempts ?? 4,
        baseDelayMs: options.retry?.baseDelayMs ?? 500,
        maxDelayMs: options.retry?.maxDelayMs ?? 8000,
      },
      batchSize: Math.min(200, Math.max(1, options.batchSize ?? 200)),
      automaticSyncWindowMs: options.automaticSyncWindowMs ?? 100,
      catchUpIntervalMinutes: options.catchUpIntervalMinutes ?? 15,
      dailyLimitPauseMs: options.dailyLimitPauseMs ?? 60 * 60_000,
      logRetentionDays: options.logRetentionDays ?? 183,
      enableOnFirstStart: options.enableOnFirstStart ?? false,
      outbox: {
        leaseMs: options.outbox?.leaseMs ?? 60_000,
        waitTimeoutMs: options.outbox?.waitTimeoutMs ?? 60_000,
        waitForAtMost: options.outbox?.waitForAtMost ?? 200,
        afterPush: options.outbox?.afterPush,
      },
    }
  }

  /** Why the connection cannot be used, e.g. "clientSecret is required when authFlow is client_credentials"; empty when it can. */
  configurationProblems(): string[] {
    return this.client_ ? [] : ["no Salesforce connection is configured"]
  }

  /** Where and how we connect, without any secret: safe to show an admin. */
  connectionSummary() {
    return {
      configured: !!this.client_,
      login_url: this.connection_?.loginUrl ?? null,
      auth_flow: this.connection_?.authFlow ?? null,
      api_version:
        this.client_?.apiVersion() ?? this.connection_?.apiVersion ?? null,
    }
  }

  /** The client, or NOT_ALLOWED saying what is missing. */
  protected client(): SalesforceClient {
    if (!this.client_) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Salesforce is not configured: ${this.configurationProblems().join("; ")}`
      )
    }
    return this.client_
  }

  /** Throws NOT_ALLOWED when no usable connection is configured. */
  assertConfigured(): void {
    this.client()
  }

  // The TRANSPORT the sync policy uses (see workflows/salesforce/utils/send-batch.ts): one call each, no retries.

  /** Upserts by external ID in collections of at most 200 records, allOrNone false; answers in input order. */
  async upsertRecords(
    object: string,
    externalIdField: string,
    records: SalesforceRecord[]
  ): Promise<RecordResult[]> {
    return this.client().upsert(object, externalIdField, records)
  }

  /** All rows of a SOQL query. */
  async queryRecords<T>(soql: string): Promise<T[]> {
    return this.client().query<T>(soql)
  }

  /** All rows of a SOQL query, deleted records still in the recycle bin included (REST queryAll). */
  async queryAllRecords<T>(soql: string): Promise<T[]> {
    return this.client().queryAll<T>(soql)
  }

  /** Deletes by Salesforce id, allOrNone false; answers in input order. */
  async destroyRecords(object: string, ids: string[]): Promise<RecordResult[]> {
    return this.client().destroy(object, ids)
  }

  /** The record's address, known once this process has a session (after any call); stored with the attempt. */
  recordUrl(object: string, id: string): string | null {
    return this.client_?.recordUrl(object, id) ?? null
  }

  /** Who we are in the org (no API budget spent) and today's API usage (one call). */
  async describeOrg() {
    const client = this.client()
    return { identity: await client.identity(), usage: await client.limits() }
  }

  /** What this process last saw of the session, for a connection that failing: instance and usage, if any. */
  lastSeenSession() {
    return {
      instance_url: this.client_?.instanceUrl() ?? null,
      api_usage: this.client_?.apiUsage() ?? null,
    }
  }

  /** Forget this process's session and any refused login: the next call logs in again. */
  resetConnection(): void {
    this.client_?.reset()
  }

  // The OUTBOX (see models/sync-outbox-entry.ts and outbox-sql.ts).

  @InjectTransactionManager()
  async enqueueSync(
    entries: NewOutboxEntry[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    if (!entries.length) return []
    return await this.createSyncOutboxEntries(
      entries.map((e) => ({ ...e, status: "pending" as const })),
      sharedContext
    )
  }

  /** Claims up to `limit` pending documents for `owner` under a lease (see claimOutboxBatch). */
  @InjectTransactionManager()
  async claimOutbox(
    owner: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<OutboxClaim[]> {
    return claimOutboxBatch(this.sql(sharedContext), {
      owner,
      limit,
      leaseMs: this.options.outbox.leaseMs,
    })
  }

  @InjectTransactionManager()
  async renewOutboxLease(
    owner: string,
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    return renewOutboxLease(this.sql(sharedContext), {
      owner,
      ids,
      leaseMs: this.options.outbox.leaseMs,
    })
  }

  /** Gives claimed documents back to the outbox (a drain that failed before sending). */
  @InjectTransactionManager()
  async releaseOutboxClaim(
    owner: string,
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    return releaseOutboxClaim(this.sql(sharedContext), { owner, ids })
  }

  /** Expired leases back to pending, their runs marked interrupted; returns the interrupted run ids. */
  @InjectTransactionManager()
  async reclaimExpiredLeases(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return reclaimExpiredLeases(this.sql(sharedContext))
  }

  /**
   * Writes one batch's results in one transaction: only for the rows `owner` still holds (a drain whose lease
   * ran out writes nothing; the documents were claimed again), one attempt per row, the documents' sync state,
   * the runs' counters, the runs now finished, and what the batch learned about the connection. Returns the
   * outbox ids recorded.
   */
  @InjectTransactionManager()
  async commitOutbox(
    { owner, claims, documents, outcomes, halt }: OutboxCommit,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const exec = this.sql(sharedContext)
    const held = new Set(
      await fenceOutboxRows(exec, { owner, ids: claims.map((c) => c.id) })
    )
    const byInvoice = new Map(outcomes.map((o) => [o.invoice_id, o]))
    const docs = new Map(documents.map((d) => [d.id, d]))
    // A document deleted since it was queued has nothing to send or record.
    const mine = claims.filter(
      (c) =>
        held.has(c.id) && byInvoice.has(c.invoice_id) && docs.has(c.invoice_id)
    )
    if (!mine.length) return []
    const now = new Date()

    await this.recordAttempts(
      mine.map((claim) => {
        const o = byInvoice.get(claim.invoice_id)!
        const doc = docs.get(claim.invoice_id)!
        return {
          run_id: claim.run_id,
          outbox_id: claim.id,
          invoice_id: claim.invoice_id,
          invoice_number: doc.number,
          order_id: doc.order_id,
          order_display_id: doc.order_display_id,
          document_type: doc.type,
          amount: doc.total,
          currency_code: doc.currency_code,
          trigger: claim.trigger as SyncTrigger,
          started_by: claim.started_by,
          status: o.status,
          error_code: o.error_code,
          error_message: o.error_message,
          duration_ms: o.duration_ms,
          salesforce_id: o.salesforce_id,
          salesforce_url: o.salesforce_url,
        }
      }),
      sharedContext
    )

    const invoiceIds = [...new Set(mine.map((c) => c.invoice_id))]
    const existing = await this.listInvoiceSyncs(
      { invoice_id: invoiceIds },
      { select: ["id", "invoice_id"] },
      sharedContext
    )
    const existingByInvoice = new Map(existing.map((e) => [e.invoice_id, e]))
    const toUpdate: ({ id: string } & Record<string, unknown>)[] = []
    const toCreate: Record<string, unknown>[] = []
    for (const invoiceId of invoiceIds) {
      const o = byInvoice.get(invoiceId)!
      const state =
        o.status === "synced"
          ? {
              invoice_id: invoiceId,
              last_attempt_at: now,
              status: "synced" as const,
              salesforce_id: o.salesforce_id,
              salesforce_url: o.salesforce_url,
              line_ids: o.line_ids,
              synced_at: now,
              error_code: null,
              error_message: null,
            }
          : // A failed resync keeps the record it already has in Salesforce.
            {
              invoice_id: invoiceId,
              last_attempt_at: now,
              status: "failed" as const,
              error_code: o.error_code,
              error_message: o.error_message,
            }
      const prior = existingByInvoice.get(invoiceId)
      if (prior) toUpdate.push({ id: prior.id, ...state })
      else toCreate.push(state)
    }
    // The generated methods' input types are the models'; these are built from the same fields.
    if (toUpdate.length)
      await this.updateInvoiceSyncs(toUpdate as never, sharedContext)
    if (toCreate.length)
      await this.createInvoiceSyncs(toCreate as never, sharedContext)

    const counts = new Map<string, { synced: number; failed: number }>()
    for (const claim of mine) {
      const count = counts.get(claim.run_id) ?? { synced: 0, failed: 0 }
      if (byInvoice.get(claim.invoice_id)!.status === "synced") count.synced++
      else count.failed++
      counts.set(claim.run_id, count)
    }
    await countIntoRuns(exec, counts)

    const anySynced = outcomes.some((o) => o.status === "synced")
    if (halt?.kind === "auth") {
      await this.updateSalesforceSettings(
        {
          id: SETTINGS_ID,
          connection_error: halt.message,
          connection_checked_at: now,
        },
        sharedContext
      )
    } else if (halt?.kind === "daily_limit") {
      await this.updateSalesforceSettings(
        {
          id: SETTINGS_ID,
          paused_until: new Date(
            now.getTime() + this.options.dailyLimitPauseMs
          ),
        },
        sharedContext
      )
    } else if (anySynced) {
      await this.updateSalesforceSettings(
        { id: SETTINGS_ID, connection_error: null, connection_checked_at: now },
        sharedContext
      )
    }
    return mine.map((c) => c.id)
  }

  /** Atomically takes this interval's run of a scheduled job: true for exactly one caller per interval. */
  @InjectTransactionManager()
  async claimJobRun(
    name: string,
    intervalMs: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ claimed: boolean; first: boolean }> {
    return claimScheduledJob(this.sql(sharedContext), name, intervalMs)
  }

  /** Where a run stands, from the outbox and its counters. */
  @InjectManager()
  async runProgress(
    runId: string,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const rows = await this.listSyncOutboxEntries(
      { run_id: runId },
      { select: ["status"] },
      sharedContext
    )
    const count = (status: string) =>
      rows.filter((r) => r.status === status).length
    return { queued: count("pending"), sending: count("claimed") }
  }

  protected sql(sharedContext: Context): SqlExecutor {
    // The module's MikroORM entity manager: knex-style `?` bindings, arrays expand to lists.
    const manager = (sharedContext.transactionManager ??
      sharedContext.manager) as {
      execute: (sql: string, params?: unknown[]) => Promise<unknown>
    }
    return (query, params = []) =>
      manager.execute(query, params) as Promise<Record<string, unknown>[]>
  }

  /** The settings row, created on first use (all off, unless the store asked to start enabled). */
  @InjectManager()
  async getSettings(@MedusaContext() sharedContext: Context = {}) {
    const [existing] = await this.listSalesforceSettings(
      { id: SETTINGS_ID },
      {},
      sharedContext
    )
    if (existing) {
      return existing
    }
    const on = this.options.enableOnFirstStart
    try {
      return await this.createSalesforceSettings(
        { id: SETTINGS_ID, enabled: on, automatic_sync: on, sync_notes: false },
        sharedContext
      )
    } catch {
      // Another request created it first.
      const [created] = await this.listSalesforceSettings(
        { id: SETTINGS_ID },
        {},
        sharedContext
      )
      return created
    }
  }

  async updateSettings(
    data: Partial<SalesforceSettingsDTO> & {
      connection_error?: string | null
      connection_checked_at?: Date | null
      paused_until?: Date | null
    }
  ) {
    await this.getSettings()
    return await this.updateSalesforceSettings({ id: SETTINGS_ID, ...data })
  }

  /**
   * Removes sync log entries, sent outbox rows and runs older than the retention period; returns how many
   * attempts went.
   */
  @InjectTransactionManager()
  async pruneSyncLog(
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ) {
    const before = new Date(
      now.getTime() - this.options.logRetentionDays * 24 * 60 * 60 * 1000
    )
    const old = await this.listSyncAttempts(
      { created_at: { $lt: before } },
      { select: ["id"] },
      sharedContext
    )
    if (old.length) {
      await this.deleteSyncAttempts(
        old.map((a) => a.id),
        sharedContext
      )
    }
    const oldRequests = await this.listSyncOutboxEntries(
      { status: "done", created_at: { $lt: before } },
      { select: ["id"] },
      sharedContext
    )
    if (oldRequests.length) {
      await this.deleteSyncOutboxEntries(
        oldRequests.map((r) => r.id),
        sharedContext
      )
    }
    const oldRuns = await this.listSyncRuns(
      { created_at: { $lt: before } },
      { select: ["id"] },
      sharedContext
    )
    if (oldRuns.length) {
      await this.deleteSyncRuns(
        oldRuns.map((r) => r.id),
        sharedContext
      )
    }
    return old.length
  }

  /**
   * Writes attempts and keeps `shown_in_log` true on exactly one attempt per invoice: the newest successful one
   * once any succeeded, otherwise the newest.
   */
  @InjectTransactionManager()
  async recordAttempts(
    attempts: NewSyncAttempt[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    if (!attempts.length) {
      return []
    }
    const invoiceIds = [...new Set(attempts.map((a) => a.invoice_id))]
    const shown = await this.listSyncAttempts(
      { invoice_id: invoiceIds, shown_in_log: true },
      { select: ["id", "invoice_id", "status"] },
      sharedContext
    )
    const shownSynced = new Set(
      shown.filter((a) => a.status === "synced").map((a) => a.invoice_id)
    )
    // Within one call the last attempt of an invoice wins, as it is the newest.
    const newest = new Map<string, NewSyncAttempt>()
    for (const a of attempts) {
      newest.set(a.invoice_id, a)
    }
    const replaces = (a: NewSyncAttempt) =>
      a.status === "synced" || !shownSynced.has(a.invoice_id)
    const hide = shown
      .filter((s) => replaces(newest.get(s.invoice_id)!))
      .map((s) => ({ id: s.id, shown_in_log: false }))
    if (hide.length) {
      await this.updateSyncAttempts(hide, sharedContext)
    }
    return await this.createSyncAttempts(
      attempts.map((a) => ({
        ...a,
        amount: Number(a.amount),
        shown_in_log: newest.get(a.invoice_id) === a && replaces(a),
      })),
      sharedContext
    )
  }

  /**
   * The sync at a glance, in two grouped queries: documents synced and failed per UTC day over the last `days`
   * days (a document tried three times on a day counts once per outcome), and how many sync states say a document
   * still has to be sent (failed or outdated). Days without attempts are included with zeros.
   */
  @InjectManager()
  async syncHealth(
    { days, now = new Date() }: { days: number; now?: Date },
    @MedusaContext() sharedContext: Context = {}
  ) {
    // The manager Medusa injects is MikroORM's EntityManager; only its raw execute is used here.
    const manager = sharedContext.manager as {
      execute: <T>(sql: string, params: unknown[]) => Promise<T[]>
    }
    const start = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) -
        (days - 1) * 24 * 60 * 60 * 1000
    )
    const [perDay, states] = await Promise.all([
      manager.execute<{ date: string; status: string; documents: number }>(
        `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, status,
                count(DISTINCT invoice_id)::int AS documents
         FROM msi_sync_attempt
         WHERE deleted_at IS NULL AND created_at >= ?
         GROUP BY 1, 2`,
        [start]
      ),
      manager.execute<{ status: string; documents: number }>(
        `SELECT status, count(*)::int AS documents FROM msi_invoice_sync WHERE deleted_at IS NULL GROUP BY status`,
        []
      ),
    ])
    const series = Array.from({ length: days }, (_, i) => ({
      date: new Date(start.getTime() + i * 24 * 60 * 60 * 1000)
        .toISOString()
        .slice(0, 10),
      synced: 0,
      failed: 0,
    }))
    const byDate = new Map(series.map((d) => [d.date, d]))
    for (const row of perDay) {
      const day = byDate.get(row.date)
      if (day && (row.status === "synced" || row.status === "failed")) {
        day[row.status] = row.documents
      }
    }
    const count = (status: string) =>
      states.find((s) => s.status === status)?.documents ?? 0
    return {
      days: series,
      tracked: states.reduce((n, s) => n + s.documents, 0),
      failed: count("failed"),
      outdated: count("outdated"),
    }
  }
}

export default SalesforceModuleService
