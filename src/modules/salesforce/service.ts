import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { AutomaticSyncQueue } from "./automatic-sync-queue"
import {
  DescribedField,
  mappingDescribeProblems,
  resolveFieldMapping,
  ResolvedFieldMapping,
} from "./field-mapping"
import { SalesforceApiError } from "./lib/errors"
import type { SalesforceClient } from "./lib/client"
import InvoiceSync from "./models/invoice-sync"
import SalesforceSettings from "./models/salesforce-settings"
import SyncAttempt from "./models/sync-attempt"
import SyncRun from "./models/sync-run"
import type { SalesforceModuleOptions, SalesforceSettingsDTO } from "./types"

const SETTINGS_ID = "default"
/** How long a describe check of a custom field mapping is trusted before the sync asks the org again. */
const MAPPING_CHECK_TTL_MS = 10 * 60 * 1000

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
  alertEmail: string | null
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
  /** Where records go in the org (the shipped metadata unless the options map them elsewhere). */
  readonly fieldMapping: ResolvedFieldMapping
  /** Batches the automatic syncs of this process (see AutomaticSyncQueue). */
  readonly automaticSyncQueue: AutomaticSyncQueue
  /** A cache of the last describe check of a custom mapping (never decides alone: it expires). */
  protected mappingCheck_: { problems: string[]; at: number } | null = null
  protected readonly customMapping_: boolean

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
      alertEmail: options.alertEmail ?? null,
    }
    this.fieldMapping = resolveFieldMapping(options.fieldMapping ?? {})
    this.customMapping_ = !!options.fieldMapping
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
    const cached = this.mappingCheck_
    if (!force && cached && Date.now() - cached.at < MAPPING_CHECK_TTL_MS) {
      return cached.problems
    }
    const client = this.getClient()
    const describe: Record<string, DescribedField[] | undefined> = {}
    for (const object of new Set([
      this.fieldMapping.invoice.object,
      this.fieldMapping.line.object,
    ])) {
      try {
        describe[object] = await client.describeFields(object)
      } catch (error) {
        if (
          !(error instanceof SalesforceApiError) ||
          !["NOT_FOUND", "INVALID_TYPE"].includes(error.errorCode)
        ) {
          throw error
        }
        describe[object] = undefined
      }
    }
    const problems = mappingDescribeProblems(this.fieldMapping, describe)
    this.mappingCheck_ = { problems, at: Date.now() }
    return problems
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

  /**
   * Records that Salesforce refused our credentials. Answers true only for the call that turned a working
   * connection into a failing one: the conditional update decides, so two runs failing at once raise one alert.
   */
  @InjectManager()
  async markConnectionFailing(
    message: string,
    at: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    await this.getSettings(sharedContext)
    const changed = await this.execute_<{ id: string }>(
      sharedContext,
      `UPDATE salesforce_settings SET connection_error = ?, connection_checked_at = ?, updated_at = now()
       WHERE id = ? AND connection_error IS NULL RETURNING id`,
      [message, at, SETTINGS_ID]
    )
    if (!changed.length) {
      await this.updateSalesforceSettings(
        {
          id: SETTINGS_ID,
          connection_error: message,
          connection_checked_at: at,
        },
        sharedContext
      )
    }
    return changed.length > 0
  }

  /**
   * Pauses syncing until `until`. Answers true only for the call that paused a sync that was running (again:
   * one alert per pause, however many runs hit the limit).
   */
  @InjectManager()
  async pauseSync(
    until: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    await this.getSettings(sharedContext)
    const changed = await this.execute_<{ id: string }>(
      sharedContext,
      `UPDATE salesforce_settings SET paused_until = ?, updated_at = now()
       WHERE id = ? AND (paused_until IS NULL OR paused_until <= now()) RETURNING id`,
      [until, SETTINGS_ID]
    )
    if (!changed.length) {
      await this.updateSalesforceSettings(
        { id: SETTINGS_ID, paused_until: until },
        sharedContext
      )
    }
    return changed.length > 0
  }

  private async execute_<T>(
    sharedContext: Context,
    sql: string,
    params: unknown[]
  ): Promise<T[]> {
    // The manager Medusa injects is MikroORM's EntityManager; only its raw execute is used here.
    const manager = (sharedContext.transactionManager ??
      sharedContext.manager) as {
      execute: (sql: string, params: unknown[]) => Promise<T[]>
    }
    return await manager.execute(sql, params)
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
         FROM sync_attempt
         WHERE deleted_at IS NULL AND created_at >= ?
         GROUP BY 1, 2`,
        [start]
      ),
      manager.execute<{ status: string; documents: number }>(
        `SELECT status, count(*)::int AS documents FROM invoice_sync WHERE deleted_at IS NULL GROUP BY status`,
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
