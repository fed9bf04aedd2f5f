import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import { failedOutcomes, PushHalt, pushInvoices } from "../utils/invoice-pusher"

export const pushInvoicesToSalesforceStepId = "push-invoices-to-salesforce"

export type PushInvoicesToSalesforceStepInput = {
  invoices: SyncableInvoice[]
  sync_notes: boolean
}

/** Longest wait for another sync of the same invoices to finish, in seconds. */
const LOCK_TIMEOUT_S = 120

/**
 * Sends the invoices in batches, each batch holding a lock on its invoices so an automatic and a manual sync of
 * the same invoice never run at once. Nothing to compensate: a call to Salesforce cannot be taken back, and as
 * every record is keyed by an external ID, running the sync again converges on the same records.
 */
export const pushInvoicesToSalesforceStep = createStep(
  pushInvoicesToSalesforceStepId,
  async (
    { invoices, sync_notes }: PushInvoicesToSalesforceStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const locking = container.resolve(Modules.LOCKING)
    const previous = await service.listInvoiceSyncs(
      { invoice_id: invoices.map((i) => i.id) },
      { select: ["invoice_id", "line_ids"] }
    )
    const ctx = {
      client: service.getClient(),
      syncNotes: sync_notes,
      policy: service.options.retry,
      mapping: service.fieldMapping,
      previousLineIds: new Map(
        previous.map((p) => [
          p.invoice_id,
          (p.line_ids ?? {}) as Record<string, string>,
        ])
      ),
    }

    const outcomes: InvoiceSyncOutcome[] = []
    let halt: PushHalt | null = null
    for (
      let start = 0;
      start < invoices.length;
      start += service.options.batchSize
    ) {
      const batch = invoices.slice(start, start + service.options.batchSize)
      if (halt) {
        outcomes.push(...failedOutcomes(batch, halt))
        continue
      }
      const keys = batch.map((i) => `salesforce-invoice-sync:${i.id}`).sort()
      const result = await locking.execute(
        keys,
        () => pushInvoices(ctx, batch),
        { timeout: LOCK_TIMEOUT_S }
      )
      outcomes.push(...result.outcomes)
      halt = result.halt
    }
    return new StepResponse({ outcomes, halt })
  }
)
