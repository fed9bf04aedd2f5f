import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import type { MedusaContainer } from "@medusajs/framework/types"

const POLL_EVERY_MS = 50
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

/**
 * Waits until the given outbox rows are done (some drain, in any process, committed them) or `timeoutMs` passes,
 * polling the database, and answers each row's recorded outcome by invoice id. Rows not done in time are missing
 * from the answer: they are still queued and will be sent.
 */
export async function waitForOutcomes(
  container: MedusaContainer,
  outboxIds: string[],
  timeoutMs: number
): Promise<Map<string, InvoiceSyncOutcome>> {
  const service: SalesforceModuleService = container.resolve(SALESFORCE_MODULE)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const done = await service.countDoneOutboxRows(outboxIds)
    if (done === outboxIds.length || Date.now() >= deadline) break
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS))
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
