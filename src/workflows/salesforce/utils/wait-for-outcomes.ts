import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import type { MedusaContainer } from "@medusajs/framework/types"

/** The first look comes soon (a small sync takes well under a second); each later one waits twice as long. */
export const FIRST_POLL_MS = 50
export const MAX_POLL_MS = 1000
const OUTCOME_FIELDS = [
  "invoice_id",
  "status",
  "salesforce_id",
  "salesforce_url",
  "error_code",
  "error_message",
  "duration_ms",
  "note",
]

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener("abort", done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener("abort", done)
  })
}

/**
 * Waits until the given outbox rows are done (some drain, in any process, committed them), `timeoutMs` passes or
 * `signal` aborts (the client went away: nobody reads the answer), polling the database with a growing interval,
 * and answers each row's recorded outcome by invoice id. Rows not done in time are missing from the answer: they
 * are still queued and will be sent.
 */
export async function waitForOutcomes(
  container: MedusaContainer,
  outboxIds: string[],
  timeoutMs: number,
  signal?: AbortSignal
): Promise<Map<string, InvoiceSyncOutcome>> {
  const service: SalesforceModuleService = container.resolve(SALESFORCE_MODULE)
  const deadline = Date.now() + timeoutMs
  let every = FIRST_POLL_MS
  while (!signal?.aborted) {
    const done = await service.countDoneOutboxRows(outboxIds)
    const left = deadline - Date.now()
    if (done === outboxIds.length || left <= 0) break
    await pause(Math.min(every, left), signal)
    every = Math.min(every * 2, MAX_POLL_MS)
  }
  if (signal?.aborted) {
    return new Map()
  }
  // Not the detail: what the caller answers with is the outcome (the detail is 5 KB a document).
  const attempts = outboxIds.length
    ? await service.listSyncAttempts(
        { outbox_id: outboxIds },
        { select: OUTCOME_FIELDS }
      )
    : []
  return new Map(
    attempts.map((a) => [
      a.invoice_id,
      {
        invoice_id: a.invoice_id,
        status: a.status,
        salesforce_id: a.salesforce_id ?? null,
        salesforce_url: a.salesforce_url ?? null,
        error_code: a.error_code ?? null,
        error_message: a.error_message ?? null,
        duration_ms: a.duration_ms,
        line_ids: null,
        note: a.note ?? null,
      },
    ])
  )
}
