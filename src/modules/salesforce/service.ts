import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { AutomaticSyncQueue } from "./automatic-sync-queue"
import type { SalesforceClient } from "./lib/client"
import InvoiceSync from "./models/invoice-sync"
import SalesforceSettings from "./models/salesforce-settings"
import SyncAttempt from "./models/sync-attempt"
import SyncRun from "./models/sync-run"
import type { SalesforceModuleOptions, SalesforceSettingsDTO } from "./types"

const SETTINGS_ID = "default"
/** The attempts' table, for the set-based reads below. */
const SYNC_ATTEMPT_TABLE = "sync_attempt"

const COMPARISONS: Record<string, string> = {
  $gt: ">",
  $gte: ">=",
  $lt: "<",
  $lte: "<=",
}

/** The part of MikroORM's entity manager the raw reads use. */
type SqlExecutor = {
  execute: (sql: string, params: unknown[]) => Promise<unknown[]>
}

export type FailureGroup = {
  reason: string
  error_code: string | null
  count: number
}

export type FailedAttemptRow = {
  id: string
  created_at: Date
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

type InjectedDependencies = {
  salesforceClient: SalesforceClient | null
  salesforceConfigProblems: string[]
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
}

export type ResolvedSalesforceOptions = {
  automaticSyncWindowMs: number
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number }
  batchSize: number
  catchUpIntervalMinutes: number
  logRetentionDays: number
  enableOnFirstStart: boolean
}

class SalesforceModuleService extends MedusaService({
  SalesforceSettings,
  InvoiceSync,
  SyncAttempt,
  SyncRun,
}) {
  protected readonly client_: SalesforceClient | null
  protected readonly configProblems_: string[]
  protected readonly connection_: SalesforceModuleOptions["connection"]
  readonly options: ResolvedSalesforceOptions
  /** Batches the automatic syncs of this process (see AutomaticSyncQueue). */
  readonly automaticSyncQueue: AutomaticSyncQueue

  constructor(
    container: InjectedDependencies,
    options: SalesforceModuleOptions = {}
  ) {
    super(container, options)
    this.client_ = container.salesforceClient
    this.configProblems_ = container.salesforceConfigProblems
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
      logRetentionDays: options.logRetentionDays ?? 183,
      enableOnFirstStart: options.enableOnFirstStart ?? false,
    }
    this.automaticSyncQueue = new AutomaticSyncQueue(
      this.options.automaticSyncWindowMs,
      this.options.batchSize
    )
  }

  /** Why the connection cannot be used, e.g. "clientSecret is required for client_credentials"; empty when it can. */
  configurationProblems(): string[] {
    return this.client_
      ? []
      : this.configProblems_.length
        ? this.configProblems_
        : ["no Salesforce connection is configured"]
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
  getClient(): SalesforceClient {
    if (!this.client_) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Salesforce is not configured: ${this.configurationProblems().join("; ")}`
      )
    }
    return this.client_
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
      catch_up_checked_at?: Date | null
    }
  ) {
    await this.getSettings()
    return await this.updateSalesforceSettings({ id: SETTINGS_ID, ...data })
  }

  /** Removes sync log entries and runs older than the retention period; returns how many attempts went. */
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
    const [{ count }] = (await (sharedContext.manager as SqlExecutor).execute(
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
    const rows = await (sharedContext.manager as SqlExecutor).execute(
      `SELECT coalesce(error_message, 'Unknown error') AS reason, min(error_code) AS error_code,
         count(*)::int AS count
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
    after: { created_at: Date; id: string } | null,
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
      where.push("(created_at, id) < (?, ?)")
      params.push(after.created_at, after.id)
    }
    params.push(limit)
    const rows = await (sharedContext.manager as SqlExecutor).execute(
      `SELECT id, created_at, run_id, invoice_number, order_display_id, document_type, amount, currency_code,
         error_code, error_message, trigger
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
