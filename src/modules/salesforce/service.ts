import type { Context, ModuleJoinerConfig } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import {
  DescribedField,
  mappingDescribeProblems,
  resolveFieldMapping,
  ResolvedFieldMapping,
} from "./field-mapping"
import type {
  ApiMeter,
  BulkJobInfo,
  CollectionUpsert,
  SalesforceClient,
} from "./lib/client"
import {
  API_BUDGET_RECHECK_MS,
  API_USAGE_FRESH_MS,
  ApiUsage,
  budgetReached,
} from "./api-budget"
import { ApiUse, callsToday, recordApiUse } from "./api-usage-sql"
import { SalesforceApiError } from "./lib/errors"
import { redactSecrets, redactValues } from "./lib/redact"
import type { AttemptDetail } from "./attempt-detail"
import {
  fileDocuments,
  listRecordFiles,
  NewFileVersion,
  RecordFile,
  uploadFileVersion,
} from "./lib/files"
import type { RecordResult } from "./lib/record-results"
import type { SalesforceRecord } from "./mapping"
import type { KnownContact } from "./batch-plan"
import { insertAttempts, upsertInvoiceSyncs } from "./commit-sql"
import {
  CustomerLinkRow,
  readCustomerLinks,
  writeCustomerLinks,
} from "./customer-link-sql"
import {
  BulkBatchClaim,
  BulkJobRow,
  claimNewBulkBatch,
  pruneBulkJobs,
  readBulkJobs,
  renewBulkLease,
  resumeBulkBatch,
  saveBulkJob,
} from "./bulk-sql"
import { joinerConfig, models } from "./joiner-config"
import CustomerLink from "./models/customer-link"
import {
  CATCH_UP_LOCK_KEY,
  CATCH_UP_PAGE,
  insertCatchUpPage,
  insertOutboxRows,
} from "./outbox-enqueue-sql"
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
  clearPause,
  countDoneOutboxRows,
  countIntoRuns,
  markConnectionFailing,
  noteOutboxFailure,
  pauseSync,
  fenceOutboxRows,
  OutboxClaim,
  PauseKind,
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
/** The attempts' table, for the set-based reads below. */
const SYNC_ATTEMPT_TABLE = "msi_sync_attempt"

const COMPARISONS: Record<string, string> = {
  $gt: ">",
  $gte: ">=",
  $lt: "<",
  $lte: "<=",
}

/** The part of MikroORM's entity manager the raw reads use. */
type RawReader = {
  execute: (sql: string, params: unknown[]) => Promise<unknown[]>
}

export type FailureGroup = {
  reason: string
  error_code: string | null
  /** The group's first order: its hint names it, the fix being the same for the others. */
  order_display_id: number | null
  count: number
}

export type FailedAttemptRow = {
  id: string
  created_at: Date
  /** created_at as PostgreSQL's text, to the microsecond: where the next page starts (listFailedAttemptsPage). */
  cursor_at: string
  run_id: string
  invoice_number: string
  order_display_id: number
  document_type: string
  amount: string
  currency_code: string
  error_code: string | null
  error_message: string | null
  trigger: string
}
/**
 * Documents one Bulk API 2.0 batch takes at most: with 3 lines each, a lines job of 30,000 rows, a few MB of CSV
 * (Salesforce takes 150 MB a job and splits it into its own 10,000-record batches).
 */
export const BULK_BATCH_DOCUMENTS = 10_000

/** How long the org's describe (field mapping check, multi-currency) is trusted before the sync asks again. */
const DESCRIBE_TTL_MS = 10 * 60 * 1000
/** The standard field of every record in a multi-currency org. */
const CURRENCY_FIELD = "CurrencyIsoCode"

/** What `sql` uses of knex (a transaction is one too). */
type KnexRaw = {
  raw: (
    sql: string,
    bindings: unknown[]
  ) => Promise<{ rows: Record<string, unknown>[] }>
}

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
  /** attempt-detail.ts's detailJson of the redacted detail (redactDetail): bounded, valid JSON. */
  detail_json?: string | null
  note?: string | null
}

export type ResolvedSalesforceOptions = {
  automaticSyncWindowMs: number
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number }
  batchSize: number
  concurrency: number
  /** A run with more documents than this pending goes through Bulk API 2.0 jobs, and so does a step with more records. */
  bulkThreshold: number
  catchUpIntervalMinutes: number
  dailyLimitPauseMs: number
  logRetentionDays: number
  enableOnFirstStart: boolean
  /** Guests are matched to existing Contacts by email too (see batch-plan's matchesByEmail). */
  matchGuestsByEmail: boolean
  alertEmail: string | null
  outbox: {
    leaseMs: number
    waitTimeoutMs: number
    waitForAtMost: number
    afterPush?: (entryIds: string[]) => Promise<void>
  }
}

export type { OutboxClaim } from "./outbox-sql"
export type { BulkJobRow } from "./bulk-sql"

/** What a drain claimed: a REST batch, or a Bulk API 2.0 batch (new, or taken over from a drain that died). */
export type OutboxWork = {
  claims: OutboxClaim[]
  bulk: Omit<BulkBatchClaim, "claims"> | null
}

/** A document's outcome as the commit takes it: its detail already serialised (attempt-detail.ts's detailJson). */
export type CommitOutcome = Omit<InvoiceSyncOutcome, "detail"> & {
  detail_json?: string | null
}

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
  outcomes: CommitOutcome[]
  halt: { kind: "auth" | "daily_limit" | "api_budget"; message: string } | null
  /** The batch's REST calls and the org's usage its answers reported (today's counter, the budget guard). */
  api?: ApiUse
  /** The batch was held to the API budget (not a Retry let past it): going through ends a pause. */
  guarded?: boolean
  /** Contacts the batch found or created, by lower-cased email (see models/customer-link.ts). */
  customer_links?: CustomerLinkRow[]
  /** Emails whose linked Contact Salesforce no longer has. */
  stale_customer_emails?: string[]
}

/** Changes of state a batch caused, each reported once (null when nothing changed). */
export type SyncStateChanges = {
  connection_failed: { at: string; message: string } | null
  paused: { until: string; reason: string } | null
}

/** What a commit recorded: the outbox ids, the runs it finished, and what changed about the connection. */
export type OutboxCommitResult = {
  ids: string[]
  finished_runs: string[]
  changes: SyncStateChanges
}

/** A pending request to send one document, as the enqueue step writes it. */
export type NewOutboxEntry = {
  invoice_id: string
  trigger: SyncTrigger
  started_by: string | null
  run_id: string | null
}

class SalesforceModuleService extends MedusaService(models) {
  __joinerConfig(): ModuleJoinerConfig {
    return joinerConfig
  }

  protected readonly client_: SalesforceClient | null
  protected readonly connection_: SalesforceModuleOptions["connection"]
  readonly options: ResolvedSalesforceOptions
  /** Where records go in the org (the shipped metadata unless the options map them elsewhere). */
  readonly fieldMapping: ResolvedFieldMapping
  /** A cache of the org's describe of the invoice and line objects (never decides alone: it expires). */
  protected describe_: {
    objects: Record<string, DescribedField[] | undefined>
    at: number
  } | null = null
  protected readonly customMapping_: boolean

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
      batchSize: Math.min(5000, Math.max(1, options.batchSize ?? 1000)),
      // Well under Salesforce's 25 long-running requests per org.
      concurrency: Math.min(10, Math.max(1, options.concurrency ?? 4)),
      // Salesforce's own advice: Bulk API above about 2,000 records, collections below.
      bulkThreshold: options.bulkThreshold ?? 2000,
      automaticSyncWindowMs: options.automaticSyncWindowMs ?? 100,
      catchUpIntervalMinutes: options.catchUpIntervalMinutes ?? 15,
      dailyLimitPauseMs: options.dailyLimitPauseMs ?? 60 * 60_000,
      logRetentionDays: options.logRetentionDays ?? 183,
      enableOnFirstStart: options.enableOnFirstStart ?? false,
      matchGuestsByEmail: options.matchGuestsByEmail ?? false,
      alertEmail: options.alertEmail ?? null,
      outbox: {
        leaseMs: options.outbox?.leaseMs ?? 60_000,
        waitTimeoutMs: options.outbox?.waitTimeoutMs ?? 60_000,
        waitForAtMost: options.outbox?.waitForAtMost ?? 200,
        afterPush: options.outbox?.afterPush,
      },
    }
    this.fieldMapping = resolveFieldMapping(options.fieldMapping ?? {})
    this.customMapping_ = !!options.fieldMapping
  }

  /** Why sync cannot reach Salesforce; empty when it can. (Bad options never get here: they stop the start.) */
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

  /**
   * What in the field mapping the org cannot take (missing fields or objects, fields the integration user may not
   * write, wrong types), from the org's describe: two API calls. The shipped mapping is not checked before a sync
   * (its failures carry fix hints); a custom one is, at most every ten minutes. `force` checks now, whatever the
   * mapping (Test connection).
   */
  async checkFieldMapping(force = false): Promise<string[]> {
    if (!force && !this.customMapping_) {
      return []
    }
    return mappingDescribeProblems(
      this.fieldMapping,
      await this.describeMappedObjects(force)
    )
  }

  /**
   * The fields of the invoice and line objects as the org describes them (undefined for an object it does not
   * have): two API calls, then cached for ten minutes unless `force`d.
   */
  protected async describeMappedObjects(
    force: boolean
  ): Promise<Record<string, DescribedField[] | undefined>> {
    const cached = this.describe_
    if (!force && cached && Date.now() - cached.at < DESCRIBE_TTL_MS) {
      return cached.objects
    }
    const client = this.client()
    const objects: Record<string, DescribedField[] | undefined> = {}
    for (const object of new Set([
      this.fieldMapping.invoice.object,
      this.fieldMapping.line.object,
    ])) {
      try {
        objects[object] = await client.describeFields(object)
      } catch (error) {
        if (
          !(error instanceof SalesforceApiError) ||
          !["NOT_FOUND", "INVALID_TYPE"].includes(error.errorCode)
        ) {
          throw error
        }
        objects[object] = undefined
      }
    }
    this.describe_ = { objects, at: Date.now() }
    return objects
  }

  /**
   * Which records carry CurrencyIsoCode: the org has multi-currency on when the invoice object's describe shows
   * the field; lines carry it too where their describe lets us write it. From the cached describe (two API calls
   * every ten minutes at most; Test connection refreshes it).
   */
  async currencyFields(): Promise<{ invoice: boolean; line: boolean }> {
    const objects = await this.describeMappedObjects(false)
    const writable = (object: string) =>
      objects[object]?.some(
        (f) => f.name === CURRENCY_FIELD && f.createable && f.updateable
      ) ?? false
    const invoice = writable(this.fieldMapping.invoice.object)
    return { invoice, line: invoice && writable(this.fieldMapping.line.object) }
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

  /** Up to 5 collections upserts in one composite request (one API call); each collection's answers in order. */
  async upsertComposite(
    collections: CollectionUpsert[]
  ): Promise<RecordResult[][]> {
    return this.client().upsertComposite(collections)
  }

  /** A Bulk API 2.0 upsert job for `object` keyed by `externalIdField` (one API call). */
  async createUpsertJob(
    object: string,
    externalIdField: string
  ): Promise<BulkJobInfo> {
    return this.client().createUpsertJob(object, externalIdField)
  }

  /** The job's CSV (one API call; one upload a job). */
  async uploadJobData(jobId: string, csv: string): Promise<void> {
    return this.client().uploadJobData(jobId, csv)
  }

  async closeJob(jobId: string): Promise<BulkJobInfo> {
    return this.client().closeJob(jobId)
  }

  async abortJob(jobId: string): Promise<BulkJobInfo> {
    return this.client().abortJob(jobId)
  }

  async jobInfo(jobId: string): Promise<BulkJobInfo> {
    return this.client().jobInfo(jobId)
  }

  /** A finished job's successful or failed records, as Salesforce's CSV. */
  async jobResults(
    jobId: string,
    kind: "successfulResults" | "failedResults"
  ): Promise<string> {
    return this.client().jobResults(jobId, kind)
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

  /** The latest version of each File linked to each record (see lib/files.ts). */
  async listRecordFiles(
    recordIds: string[]
  ): Promise<Map<string, RecordFile[]>> {
    return listRecordFiles(this.client(), recordIds)
  }

  /** A new File on the record, or the next version of an existing one; answers the version's id. */
  async uploadFileVersion(file: NewFileVersion): Promise<string> {
    return uploadFileVersion(this.client(), file)
  }

  /** The File each version belongs to (see lib/files.ts). */
  async fileDocuments(versionIds: string[]): Promise<Map<string, string>> {
    return fileDocuments(this.client(), versionIds)
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

  /** The REST API version records are sent with. */
  apiVersion(): string {
    return this.client_?.apiVersion() ?? this.connection_?.apiVersion ?? "62.0"
  }

  /** Runs `work`, counting its REST calls and the usage Salesforce reports into `meter`. */
  async metered<T>(meter: ApiMeter, work: () => Promise<T>): Promise<T> {
    return this.client_ ? this.client_.metered(meter, work) : work()
  }

  /**
   * Runs `work` (an admin's read: test connection, preview, reconciliation) and adds its REST calls to today's
   * count and its last usage to what the budget guard knows.
   */
  async meteredCall<T>(work: () => Promise<T>): Promise<T> {
    const meter: ApiMeter = { calls: 0, usage: null }
    try {
      return await this.metered(meter, work)
    } finally {
      await this.recordApiUse(meter)
    }
  }

  @InjectTransactionManager()
  async recordApiUse(
    use: ApiUse,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.getSettings(sharedContext)
    await recordApiUse(this.sql(sharedContext), use)
  }

  @InjectManager()
  async apiCallsToday(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return callsToday(this.sql(sharedContext))
  }

  /**
   * The org's usage as a batch starts: what a worker stored less than a minute ago while it was under the budget,
   * otherwise `/limits` (one call, inside the caller's meter): a budget seen reached is confirmed before the batch
   * is held back, so usage that fell (or a spent daily limit that reset) is seen at once. Null when it cannot be
   * known: the batch then goes, and its answers tell.
   */
  async knownApiUsage(percent: number): Promise<ApiUsage | null> {
    const settings = await this.getSettings()
    const at = settings.api_usage_at ? new Date(settings.api_usage_at) : null
    const stored =
      settings.api_used != null && settings.api_limit != null
        ? { used: settings.api_used, limit: settings.api_limit }
        : null
    if (
      at &&
      stored &&
      Date.now() - at.getTime() < API_USAGE_FRESH_MS &&
      !budgetReached(stored, percent)
    ) {
      return stored
    }
    try {
      return await this.client().limits()
    } catch {
      return null
    }
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
    return insertOutboxRows(this.sql(sharedContext), entries)
  }

  /**
   * Queues every document the catch-up must send under one new run, page by page inside the database
   * (outbox-enqueue-sql.ts's insertCatchUpPage), in one transaction: the run and its rows appear together. The
   * transaction holds an advisory lock, so two catch-ups (the job and an admin, in any processes) queue one after
   * the other, and the second finds the first's documents waiting. Returns the run, or null when nothing was due.
   */
  @InjectTransactionManager()
  async enqueueCatchUp(
    startedBy: string | null,
    pageSize: number = CATCH_UP_PAGE,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ run_id: string | null; found: number }> {
    const exec = this.sql(sharedContext)
    await exec(`SELECT pg_advisory_xact_lock(?)`, [CATCH_UP_LOCK_KEY])
    // The run is created only once something was queued: the ORM writes a created entity when the transaction
    // commits, after any statement here, so a run created first and deleted when nothing was due stayed behind,
    // "running" for good. Its rows and the run still appear together, at the commit.
    const runId = generateEntityId(undefined, "srun")
    let found = 0
    for (let afterId: string | null = ""; afterId !== null;) {
      const page = await insertCatchUpPage(exec, {
        runId,
        startedBy,
        afterId,
        limit: pageSize,
      })
      found += page.count
      afterId = page.count < pageSize ? null : page.lastId
    }
    if (!found) {
      return { run_id: null, found: 0 }
    }
    await this.createSyncRuns(
      {
        id: runId,
        trigger: "catch_up",
        started_by: startedBy,
        status: "running",
        total: found,
      },
      sharedContext
    )
    return { run_id: runId, found }
  }

  /** Takes back a catch-up that could not be announced: its rows leave the outbox, its run is marked failed. */
  @InjectTransactionManager()
  async cancelCatchUp(
    runId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.sql(sharedContext)(
      `DELETE FROM msi_sync_outbox WHERE run_id = ? AND status = 'pending'`,
      [runId]
    )
    await this.updateSyncRuns(
      { id: runId, status: "failed", finished_at: new Date() },
      sharedContext
    )
  }

  /**
   * Claims the next work for `owner`, in one transaction: a Bulk API 2.0 batch whose drain died (taken over whole,
   * with its jobs), else up to BULK_BATCH_DOCUMENTS documents of a run with more than `bulkThreshold` pending, else
   * a REST batch of `batchSize`.
   */
  @InjectTransactionManager()
  async claimOutboxWork(
    owner: string,
    onlyTrigger?: SyncTrigger,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<OutboxWork> {
    const exec = this.sql(sharedContext)
    const leaseMs = this.options.outbox.leaseMs
    // Only Retries (the API budget pauses the rest) are single documents: never a bulk batch.
    const bulk = onlyTrigger
      ? null
      : ((await resumeBulkBatch(exec, { owner, leaseMs })) ??
        (await claimNewBulkBatch(exec, {
          owner,
          leaseMs,
          threshold: this.options.bulkThreshold,
          limit: BULK_BATCH_DOCUMENTS,
        })))
    if (bulk) {
      const { claims, ...batch } = bulk
      return { claims, bulk: batch }
    }
    const claims = await claimOutboxBatch(exec, {
      owner,
      limit: this.options.batchSize,
      leaseMs,
      onlyTrigger,
    })
    return { claims, bulk: null }
  }

  /** How many of these outbox rows are done: one count, however many rows (a caller waiting on thousands polls it). */
  @InjectManager()
  async countDoneOutboxRows(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return countDoneOutboxRows(this.sql(sharedContext), ids)
  }

  @InjectTransactionManager()
  async renewBulkLease(
    owner: string,
    batchId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return renewBulkLease(this.sql(sharedContext), {
      owner,
      batchId,
      leaseMs: this.options.outbox.leaseMs,
    })
  }

  /** The Bulk jobs a batch created, one per step of its plan. */
  @InjectManager()
  async bulkJobs(
    batchId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<BulkJobRow[]> {
    return readBulkJobs(this.sql(sharedContext), batchId)
  }

  /** Stores a step's job while `owner` holds the batch; false when it no longer does. */
  @InjectTransactionManager()
  async saveBulkJob(
    owner: string,
    batchId: string,
    job: BulkJobRow,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return saveBulkJob(this.sql(sharedContext), { owner, batchId, job })
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

  /**
   * Gives claimed documents back after a drain failed on them for a reason that is not transient, counting the
   * failure and keeping its reason (short, no customer data): see outbox-sql.ts's MAX_FAILURES.
   */
  @InjectTransactionManager()
  async noteOutboxFailure(
    owner: string,
    ids: string[],
    reason: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await noteOutboxFailure(this.sql(sharedContext), { owner, ids, reason })
  }

  /**
   * The last resort for a row set aside whose failed attempt cannot be recorded either: marked done without an
   * attempt, so that it is not claimed again for ever (its reason stays on the row).
   */
  @InjectTransactionManager()
  async discardOutboxRows(
    owner: string,
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return fenceOutboxRows(this.sql(sharedContext), { owner, ids })
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
    {
      owner,
      claims,
      documents,
      outcomes,
      halt,
      api,
      guarded = false,
      customer_links = [],
      stale_customer_emails = [],
    }: OutboxCommit,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<OutboxCommitResult> {
    const exec = this.sql(sharedContext)
    // Today's API calls, the org's usage and the customer links are rows other drains write too: written last, so
    // that their locks are held only for the end of this transaction, and concurrent drains do not wait for each
    // other's batches (two first batches of a run learn the same customers).
    const recordApi = async () => {
      if (api) await recordApiUse(exec, api)
    }
    const recordShared = async () => {
      // What Salesforce holds, whoever holds the rows: a drain that lost its lease still learned it.
      await writeCustomerLinks(exec, {
        links: customer_links,
        stale: stale_customer_emails,
      })
      await recordApi()
    }
    if (halt?.kind === "api_budget") {
      await recordApi()
      // Nothing was recorded for the batch: its documents wait in the outbox until the budget allows them.
      await releaseOutboxClaim(exec, { owner, ids: claims.map((c) => c.id) })
      const until = new Date(Date.now() + API_BUDGET_RECHECK_MS)
      const paused = await pauseSync(exec, until, "api_budget", halt.message)
      return {
        ids: [],
        finished_runs: [],
        changes: {
          connection_failed: null,
          paused: paused
            ? { until: until.toISOString(), reason: halt.message }
            : null,
        },
      }
    }
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
    const now = new Date()
    const finishedRuns = mine.length
      ? await this.recordOutcomes(mine, byInvoice, docs, sharedContext)
      : []
    await recordShared()

    // What changed about the connection, for the alerts: each is reported once per change of state. What
    // Salesforce answered holds whether or not this drain still holds the rows.
    const changes: SyncStateChanges = { connection_failed: null, paused: null }
    const anySynced = outcomes.some((o) => o.status === "synced")
    if (halt?.kind === "auth") {
      if (await markConnectionFailing(exec, halt.message, now)) {
        changes.connection_failed = {
          at: now.toISOString(),
          message: halt.message,
        }
      }
    } else if (halt?.kind === "daily_limit") {
      const until = new Date(now.getTime() + this.options.dailyLimitPauseMs)
      if (await pauseSync(exec, until, "daily_limit", halt.message)) {
        changes.paused = { until: until.toISOString(), reason: halt.message }
      }
    } else if (anySynced) {
      await this.updateSalesforceSettings(
        { id: SETTINGS_ID, connection_error: null, connection_checked_at: now },
        sharedContext
      )
    }
    if (!halt && guarded) {
      await clearPause(exec)
    }
    return { ids: mine.map((c) => c.id), finished_runs: finishedRuns, changes }
  }

  /** The attempts, sync states and run counts of the rows a commit holds; returns the runs it finished. */
  protected async recordOutcomes(
    mine: OutboxClaim[],
    byInvoice: Map<string, CommitOutcome>,
    docs: Map<string, OutboxCommit["documents"][number]>,
    sharedContext: Context
  ): Promise<string[]> {
    const exec = this.sql(sharedContext)
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
          detail_json: o.detail_json ?? null,
          note: o.note ?? null,
        }
      }),
      sharedContext
    )

    await upsertInvoiceSyncs(
      exec,
      [...new Set(mine.map((c) => c.invoice_id))].map((invoiceId) =>
        byInvoice.get(invoiceId)!
      )
    )

    const counts = new Map<string, { synced: number; failed: number }>()
    for (const claim of mine) {
      const count = counts.get(claim.run_id) ?? { synced: 0, failed: 0 }
      if (byInvoice.get(claim.invoice_id)!.status === "synced") count.synced++
      else count.failed++
      counts.set(claim.run_id, count)
    }
    // The run's row, too, is shared with the run's other batches: counted after this batch's own rows.
    return countIntoRuns(exec, counts)
  }

  /**
   * Records that Salesforce refused our credentials. Answers true only for the call that turned a working
   * connection into a failing one: the conditional update decides, so two drains failing at once raise one alert.
   */
  @InjectTransactionManager()
  async markConnectionFailing(
    message: string,
    at: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    await this.getSettings(sharedContext)
    return markConnectionFailing(this.sql(sharedContext), message, at)
  }

  /** Pauses syncing until `until`; true only for the call that paused a sync that was running. */
  @InjectTransactionManager()
  async pauseSync(
    until: Date,
    kind: PauseKind = "daily_limit",
    reason: string | null = null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    await this.getSettings(sharedContext)
    return pauseSync(this.sql(sharedContext), until, kind, reason)
  }

  /**
   * An attempt's detail as it may be stored: every value scrubbed of every secret the client knows of here (and
   * anything credential-shaped), before it is serialised (attempt-detail.ts's detailJson), so customer text that
   * looks like a secret is masked inside its string and the JSON stays valid.
   */
  redactDetail(detail: AttemptDetail): AttemptDetail {
    return redactValues(detail, (text) =>
      this.client_ ? this.client_.redact(text) : redactSecrets(text)
    )
  }

  /** The Contacts customers already resolved to, by lower-cased email. */
  @InjectManager()
  async customerLinks(
    emails: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, KnownContact>> {
    const rows = await readCustomerLinks(this.sql(sharedContext), emails)
    return new Map(
      rows.map((r) => [
        r.email,
        { contactId: r.contact_id, accountId: r.account_id },
      ])
    )
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

  /**
   * Where a run stands in the outbox: one count over the run's index (the run page asks every second, and a run
   * may hold 100,000 rows).
   */
  @InjectManager()
  async runProgress(
    runId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ queued: number; sending: number }> {
    const [progress] = (await (sharedContext.manager as RawReader).execute(
      `SELECT (count(*) FILTER (WHERE status = 'pending'))::int AS queued,
         (count(*) FILTER (WHERE status = 'claimed'))::int AS sending
       FROM msi_sync_outbox WHERE run_id = ? AND status <> 'done' AND deleted_at IS NULL`,
      [runId]
    )) as { queued: number; sending: number }[]
    return progress
  }

  protected sql(sharedContext: Context): SqlExecutor {
    // The module's MikroORM entity manager: knex-style `?` bindings, arrays expand to lists, all written into the
    // statement text. `bound` goes through its knex instead (the transaction's, if there is one), which sends the
    // parameters to PostgreSQL as values.
    const manager = (sharedContext.transactionManager ??
      sharedContext.manager) as {
      execute: (sql: string, params?: unknown[]) => Promise<unknown>
      getTransactionContext: () => KnexRaw | undefined
      getKnex: () => KnexRaw
    }
    const exec = (query: string, params: unknown[] = []) =>
      manager.execute(query, params) as Promise<Record<string, unknown>[]>
    return Object.assign(exec, {
      bound: async (query: string, params: unknown[]) => {
        const knex = manager.getTransactionContext() ?? manager.getKnex()
        return (await knex.raw(query, params)).rows
      },
    })
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
        {
          id: SETTINGS_ID,
          enabled: on,
          automatic_sync: on,
          sync_notes: false,
          attach_pdf: false,
        },
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
      pause_kind?: PauseKind | null
      pause_reason?: string | null
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
    await pruneBulkJobs(this.sql(sharedContext), before)
    return old.length
  }

  /** Writes attempts and keeps `shown_in_log` true on exactly one attempt per invoice: its newest (insertAttempts). */
  @InjectTransactionManager()
  async recordAttempts(
    attempts: NewSyncAttempt[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    return insertAttempts(this.sql(sharedContext), attempts)
  }

  /**
   * The sync at a glance, in two grouped queries: documents synced and failed per UTC day over the last `days`
   * days (a document tried three times on a day counts once per outcome), and the backlog: documents waiting in
   * the outbox, and those whose state says they still have to be sent (failed or outdated) that are not waiting
   * there already. Days without attempts are included with zeros.
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
    const [perDay, [states]] = await Promise.all([
      manager.execute<{ date: string; status: string; documents: number }>(
        `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, status,
                count(DISTINCT invoice_id)::int AS documents
         FROM msi_sync_attempt
         WHERE deleted_at IS NULL AND created_at >= ?
         GROUP BY 1, 2`,
        [start]
      ),
      // One pass over the sync states joined with the documents waiting in the outbox (pending or being sent),
      // so a document is counted once: as queued if it waits there, otherwise by its state.
      manager.execute<{
        tracked: number
        queued: number
        queued_tracked: number
        failed: number
        outdated: number
      }>(
        `WITH q AS (
           SELECT DISTINCT invoice_id FROM msi_sync_outbox WHERE status <> 'done' AND deleted_at IS NULL)
         SELECT
           (SELECT count(*) FROM q)::int AS queued,
           count(s.id)::int AS tracked,
           count(q.invoice_id)::int AS queued_tracked,
           (count(*) FILTER (WHERE s.status = 'failed' AND q.invoice_id IS NULL))::int AS failed,
           (count(*) FILTER (WHERE s.status = 'outdated' AND q.invoice_id IS NULL))::int AS outdated
         FROM msi_invoice_sync s LEFT JOIN q ON q.invoice_id = s.invoice_id
         WHERE s.deleted_at IS NULL`,
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
    return {
      days: series,
      tracked: states.tracked,
      /** Documents waiting in the outbox, whatever their state. */
      queued: states.queued,
      /** Of those, the ones without a sync state (never sent before). */
      queued_untracked: states.queued - states.queued_tracked,
      failed: states.failed,
      outdated: states.outdated,
    }
  }
  /**
   * How many attempts match the sync log's filters (see syncLogFilters: equalities, a created_at range, `$or` of
   * an ILIKE and an equality), counting at most `bound`: an exact count of a million attempts reads them all.
   */
  @InjectManager()
  async countSyncAttemptsUpTo(
    filters: Record<string, unknown>,
    bound: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const where = ["deleted_at IS NULL"]
    const params: unknown[] = []
    const condition = (column: string, value: unknown) => {
      if (!/^[a-z_]+$/.test(column)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Cannot filter the sync log on ${column}`
        )
      }
      if (value && typeof value === "object" && !Array.isArray(value)) {
        const parts = Object.entries(value).map(([operator, operand]) => {
          params.push(operand)
          return `${column} ${COMPARISONS[operator]} ?`
        })
        return parts.join(" AND ")
      }
      params.push(value)
      return `${column} = ?`
    }
    for (const [key, value] of Object.entries(filters)) {
      if (key === "$or") {
        const alternatives = (value as Record<string, unknown>[]).map((alt) => {
          const [[column, operand]] = Object.entries(alt)
          const ilike = (operand as { $ilike?: string })?.$ilike
          if (ilike !== undefined) {
            params.push(ilike)
            return `${column} ILIKE ?`
          }
          return condition(column, operand)
        })
        where.push(`(${alternatives.join(" OR ")})`)
      } else {
        where.push(condition(key, value))
      }
    }
    params.push(bound)
    const [{ count }] = (await (sharedContext.manager as RawReader).execute(
      `SELECT count(*)::int AS count FROM (
         SELECT 1 FROM ${SYNC_ATTEMPT_TABLE} WHERE ${where.join(" AND ")} LIMIT ?
       ) AS bounded`,
      params
    )) as { count: number }[]
    return count
  }

  /** A run's failures grouped by reason, most frequent first: one GROUP BY over the run's index, not every row. */
  @InjectManager()
  async listRunFailureGroups(
    runId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<FailureGroup[]> {
    const rows = await (sharedContext.manager as RawReader).execute(
      `SELECT coalesce(error_message, 'Unknown error') AS reason, min(error_code) AS error_code,
         min(order_display_id) AS order_display_id, count(*)::int AS count
       FROM ${SYNC_ATTEMPT_TABLE}
       WHERE run_id = ? AND status = 'failed' AND deleted_at IS NULL
       GROUP BY 1 ORDER BY 3 DESC, 1`,
      [runId]
    )
    return rows as FailureGroup[]
  }

  /**
   * One page of failed attempts for the CSV export, newest first, starting after the previous page's last row
   * (keyset paging: each page is an index range, however deep the export goes). Without a run, each invoice's
   * row of the log only.
   */
  @InjectManager()
  async listFailedAttemptsPage(
    filter: { run_id?: string; reason?: string },
    after: Pick<FailedAttemptRow, "cursor_at" | "id"> | null,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<FailedAttemptRow[]> {
    const where = ["status = 'failed'", "deleted_at IS NULL"]
    const params: unknown[] = []
    if (filter.run_id) {
      where.push("run_id = ?")
      params.push(filter.run_id)
    } else {
      where.push("shown_in_log = true")
    }
    if (filter.reason) {
      where.push("error_message = ?")
      params.push(filter.reason)
    }
    if (after) {
      // The cursor's time as PostgreSQL wrote it (microseconds): a JavaScript Date keeps milliseconds, and a
      // batch's attempts share one timestamp, so a page ending inside a batch would skip the rest of it.
      where.push("(created_at, id) < (?::timestamptz, ?)")
      params.push(after.cursor_at, after.id)
    }
    params.push(limit)
    const rows = await (sharedContext.manager as RawReader).execute(
      `SELECT id, created_at, created_at::text AS cursor_at, run_id, invoice_number, order_display_id,
         document_type, amount, currency_code, error_code, error_message, trigger
       FROM ${SYNC_ATTEMPT_TABLE}
       WHERE ${where.join(" AND ")}
       ORDER BY created_at DESC, id DESC
       LIMIT ?`,
      params
    )
    return rows as FailedAttemptRow[]
  }
}

export default SalesforceModuleService
