import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import type {
  OutboxClaim,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import { sendBatch } from "../utils/send-batch"

export const sendOutboxBatchStepId = "msi-send-outbox-batch"

export type SendOutboxBatchStepInput = {
  owner: string
  claims: OutboxClaim[]
  invoices: SyncableInvoice[]
  sync_notes: boolean
}

/**
 * Sends the claimed documents (each once, however many requests named it), renewing the lease while Salesforce
 * works. Nothing to compensate: a call to Salesforce cannot be taken back, and as every record is keyed by an
 * external ID, sending the batch again (after a crash, by another drain) converges on the same records.
 */
export const sendOutboxBatchStep = createStep(
  sendOutboxBatchStepId,
  async (
    { owner, claims, invoices, sync_notes }: SendOutboxBatchStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const previous = await service.listInvoiceSyncs(
      { invoice_id: invoices.map((i) => i.id) },
      { select: ["invoice_id", "line_ids"] }
    )
    const ids = claims.map((c) => c.id)
    const heartbeat = setInterval(
      () => void service.renewOutboxLease(owner, ids).catch(() => undefined),
      Math.max(1000, Math.floor(service.options.outbox.leaseMs / 3))
    )
    try {
      const result = await sendBatch(
        {
          transport: service,
          syncNotes: sync_notes,
          policy: service.options.retry,
          previousLineIds: new Map(
            previous.map((p) => [
              p.invoice_id,
              (p.line_ids ?? {}) as Record<string, string>,
            ])
          ),
        },
        invoices
      )
      await service.options.outbox.afterPush?.(ids)
      return new StepResponse(result)
    } finally {
      clearInterval(heartbeat)
    }
  }
)
