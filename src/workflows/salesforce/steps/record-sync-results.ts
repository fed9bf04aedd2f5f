import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type {
  InvoiceSyncOutcome,
  SyncTrigger,
} from "../../../modules/salesforce/types"
import type { ConnectionFailedData, SyncPausedData } from "../events"
import type { PushHalt } from "../utils/invoice-pusher"

export const recordSyncResultsStepId = "record-salesforce-sync-results"

export type RecordSyncResultsStepInput = {
  run_id: string
  trigger: SyncTrigger
  started_by?: string | null
  invoices: SyncableInvoice[]
  outcomes: InvoiceSyncOutcome[]
  halt: PushHalt | null
}

/** Changes of state a run caused, each reported once (null when nothing changed). */
export type SyncStateChanges = {
  connection_failed: ConnectionFailedData | null
  paused: SyncPausedData | null
}

/** How long a spent daily limit pauses syncing before we look again. */
const DAILY_LIMIT_PAUSE_MS = 60 * 60 * 1000

/**
 * The single place an attempt is logged: one attempt per invoice, the invoice's sync state, the run's counts,
 * and what the run learned about the connection.
 */
export const recordSyncResultsStep = createStep(
  recordSyncResultsStepId,
  async (
    {
      run_id,
      trigger,
      started_by,
      invoices,
      outcomes,
      halt,
    }: RecordSyncResultsStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const byId = new Map(invoices.map((i) => [i.id, i]))
    const now = new Date()

    await service.recordAttempts(
      outcomes.map((o) => {
        const invoice = byId.get(o.invoice_id)!
        return {
          run_id,
          invoice_id: o.invoice_id,
          invoice_number: invoice.number,
          order_id: invoice.order_id,
          order_display_id: invoice.order_display_id,
          document_type: invoice.type,
          amount: Number(invoice.total),
          currency_code: invoice.currency_code,
          trigger,
          started_by: started_by ?? null,
          status: o.status,
          error_code: o.error_code,
          error_message: o.error_message,
          duration_ms: o.duration_ms,
          salesforce_id: o.salesforce_id,
        }
      })
    )

    const existing = await service.listInvoiceSyncs(
      { invoice_id: outcomes.map((o) => o.invoice_id) },
      { select: ["id", "invoice_id", "salesforce_id", "salesforce_url"] }
    )
    const existingByInvoice = new Map(existing.map((e) => [e.invoice_id, e]))
    const states = outcomes.map((o) => {
      const prior = existingByInvoice.get(o.invoice_id)
      const common = { invoice_id: o.invoice_id, last_attempt_at: now }
      const state =
        o.status === "synced"
          ? {
              ...common,
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
              ...common,
              status: "failed" as const,
              error_code: o.error_code,
              error_message: o.error_message,
            }
      return prior ? { id: prior.id, ...state } : state
    })
    const toUpdate = states.filter(
      (s): s is (typeof states)[number] & { id: string } => "id" in s
    )
    const toCreate = states.filter((s) => !("id" in s))
    if (toUpdate.length) await service.updateInvoiceSyncs(toUpdate)
    if (toCreate.length) await service.createInvoiceSyncs(toCreate)

    const [run] = await service.listSyncRuns({ id: run_id })
    const synced = outcomes.filter((o) => o.status === "synced").length
    await service.updateSyncRuns({
      id: run_id,
      status: "completed",
      total: run.total + outcomes.length,
      synced: run.synced + synced,
      failed: run.failed + outcomes.length - synced,
      finished_at: now,
    })

    // What changed about the connection, for the alerts: each is true once per change (see the service).
    const changes: SyncStateChanges = {
      connection_failed: null,
      paused: null,
    }
    if (halt?.kind === "auth") {
      if (await service.markConnectionFailing(halt.message, now)) {
        changes.connection_failed = {
          at: now.toISOString(),
          message: halt.message,
        }
      }
    } else if (halt?.kind === "daily_limit") {
      const until = new Date(now.getTime() + DAILY_LIMIT_PAUSE_MS)
      if (await service.pauseSync(until)) {
        changes.paused = { until: until.toISOString(), reason: halt.message }
      }
    } else if (synced) {
      await service.updateSettings({
        connection_error: null,
        connection_checked_at: now,
      })
    }
    return new StepResponse(changes)
  }
)
