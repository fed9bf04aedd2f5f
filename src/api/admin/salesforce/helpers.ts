import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type {
  MedusaRequest,
  MedusaResponse,
  MedusaNextFunction,
} from "@medusajs/framework/http"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type {
  InvoiceSyncOutcome,
  SyncTrigger,
} from "../../../modules/salesforce/types"
import {
  enqueueSalesforceSyncWorkflow,
  SYNC_DISABLED_MESSAGE,
} from "../../../workflows/salesforce"
import { waitForOutcomes } from "../../../workflows/salesforce/utils/wait-for-outcomes"

/** What a sync route answers per invoice; "queued" when it was not sent within the wait (it will be). */
export type InvoiceSyncResult = {
  invoice_id: string
  number: string
  status: "synced" | "failed" | "queued"
  salesforce_id: string | null
  salesforce_url: string | null
  error: string | null
  /** e.g. that a Retry went past the API budget. */
  note: string | null
}

/** The answer of a sync that may not run now, with the reason (Medusa's error handler would make it a 400). */
function answerNotAllowed(res: MedusaResponse, message: string) {
  res.status(409).json({ type: "not_allowed", message })
}

/** Middleware: every manual sync route answers 409 while synchronization is disabled, and sends nothing. */
export async function requireSyncEnabled(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const settings = await service.getSettings()
  if (!settings.enabled) {
    answerNotAllowed(res, SYNC_DISABLED_MESSAGE)
    return
  }
  next()
}

/**
 * Runs a sync workflow for an admin request. One that cannot start (not configured, daily limit spent) answers
 * 409 with the reason and gives null.
 */
export async function runUnlessNotAllowed<T>(
  res: MedusaResponse,
  run: () => Promise<T>
): Promise<T | null> {
  try {
    return await run()
  } catch (error) {
    if (
      MedusaError.isMedusaError(error) &&
      error.type === MedusaError.Types.NOT_ALLOWED
    ) {
      answerNotAllowed(res, error.message)
      return null
    }
    throw error
  }
}

/** 404 naming the ids that are not invoices. */
export async function assertInvoicesExist(
  container: MedusaContainer,
  ids: string[]
) {
  const invoices: InvoiceModuleService = container.resolve(INVOICE_MODULE)
  const found = await invoices.listInvoices(
    { id: ids },
    { select: ["id", "number"] }
  )
  const known = new Set(found.map((i) => i.id))
  const missing = ids.filter((id) => !known.has(id))
  if (missing.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Invoice with id: ${missing.join(", ")} was not found`
    )
  }
  return new Map(found.map((i) => [i.id, i.number]))
}

/**
 * What a one-document sync is: a Retry (which goes past the API budget) when the document's last attempt failed,
 * otherwise a manual sync under the budget. Decided here, never by what the client says it is.
 */
export async function singleSyncTrigger(
  container: MedusaContainer,
  invoiceId: string
): Promise<"retry" | "manual"> {
  const service: SalesforceModuleService = container.resolve(SALESFORCE_MODULE)
  const [last] = await service.listSyncAttempts(
    { invoice_id: invoiceId },
    { select: ["status"], order: { created_at: "DESC", id: "DESC" }, take: 1 }
  )
  return last?.status === "failed" ? "retry" : "manual"
}

/**
 * Runs `wait` with a signal that aborts when the client goes away: nobody reads the answer, and the documents stay
 * queued and are sent all the same. (The response's close, not the request's: Node closes a request once its body
 * is read.)
 */
async function waitWhileConnected<T>(
  res: MedusaResponse,
  wait: (signal: AbortSignal) => Promise<T>
): Promise<T> {
  const gone = new AbortController()
  const stop = () => {
    if (!res.writableFinished) gone.abort()
  }
  res.once("close", stop)
  try {
    return await wait(gone.signal)
  } finally {
    res.off("close", stop)
  }
}

/**
 * Queues the documents for an admin request (see runUnlessNotAllowed) and, with `wait`, waits for their own
 * outcomes, bounded by the module's outbox.waitTimeoutMs; a document not sent by then answers "queued".
 */
export async function runSync(
  req: MedusaRequest,
  res: MedusaResponse,
  input: {
    invoice_ids: string[]
    trigger: SyncTrigger
    started_by: string | null
  },
  { wait }: { wait: boolean } = { wait: true }
): Promise<{
  run_id: string | null
  queued: number
  outcomes: Map<string, InvoiceSyncOutcome>
} | null> {
  return runUnlessNotAllowed(res, async () => {
    const { result } = await enqueueSalesforceSyncWorkflow(req.scope).run({
      input,
    })
    const service: SalesforceModuleService =
      req.scope.resolve(SALESFORCE_MODULE)
    const outcomes = wait
      ? await waitWhileConnected(res, (signal) =>
          waitForOutcomes(
            req.scope,
            result.entries.map((e) => e.id),
            service.options.outbox.waitTimeoutMs,
            signal
          )
        )
      : new Map<string, InvoiceSyncOutcome>()
    return { run_id: result.run_id, queued: result.entries.length, outcomes }
  })
}

/** The result of one document, or "queued" when its outcome is not recorded yet. */
export function resultOf(
  outcomes: Map<string, InvoiceSyncOutcome>,
  invoiceId: string,
  number: string
): InvoiceSyncResult {
  const outcome = outcomes.get(invoiceId)
  return outcome
    ? toSyncResult(outcome, number)
    : {
        invoice_id: invoiceId,
        number,
        status: "queued",
        salesforce_id: null,
        salesforce_url: null,
        error: null,
        note: null,
      }
}

export function toSyncResult(
  outcome: InvoiceSyncOutcome,
  number: string
): InvoiceSyncResult {
  return {
    invoice_id: outcome.invoice_id,
    number,
    status: outcome.status,
    salesforce_id: outcome.salesforce_id,
    salesforce_url: outcome.salesforce_url,
    error: outcome.error_message,
    note: outcome.note ?? null,
  }
}

/**
 * Why syncing is paused, as the settings, the log and the runs show it; null when it is not. A pause shows from
 * when it starts until syncing goes through again (a budget pause is rechecked every few minutes meanwhile).
 */
export function presentPause(
  settings: {
    paused_until?: Date | string | null
    pause_kind?: string | null
    pause_reason?: string | null
  },
  now: Date = new Date()
) {
  const until = settings.paused_until ? new Date(settings.paused_until) : null
  if (!settings.pause_kind && !(until && until > now)) {
    return null
  }
  return {
    kind: settings.pause_kind ?? "daily_limit",
    reason: settings.pause_reason ?? "Salesforce's daily API limit is spent",
    until,
    active: !!until && until > now,
  }
}
