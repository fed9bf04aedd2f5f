import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import { customerEmails } from "../../../modules/salesforce/batch-plan"
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
  /** Set when the claim is a Bulk API 2.0 batch: its plan goes as ingest jobs, stored under this id. */
  bulk_batch_id: string | null
}

/**
 * Sends the claimed documents (each once, however many requests named it), as composite requests or, for a bulk
 * batch, as Bulk API 2.0 jobs (resuming the jobs a dead drain stored), renewing the lease while Salesforce works. Nothing to compensate: a call to Salesforce cannot be taken back, and as every record is keyed by an
 * external ID, sending the batch again (after a crash, by another drain) converges on the same records.
 */
export const sendOutboxBatchStep = createStep(
  sendOutboxBatchStepId,
  async (
    {
      owner,
      claims,
      invoices,
      sync_notes,
      bulk_batch_id,
    }: SendOutboxBatchStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const [previous, knownContacts] = await Promise.all([
      service.listInvoiceSyncs(
        { invoice_id: invoices.map((i) => i.id) },
        { select: ["invoice_id", "line_ids"] }
      ),
      service.customerLinks(customerEmails(invoices)),
    ])
    const ids = claims.map((c) => c.id)
    const renew = () =>
      bulk_batch_id
        ? service.renewBulkLease(owner, bulk_batch_id)
        : service.renewOutboxLease(owner, ids)
    const heartbeat = setInterval(
      () => void renew().catch(() => undefined),
      Math.max(1000, Math.floor(service.options.outbox.leaseMs / 3))
    )
    try {
      const result = await sendBatch(
        {
          transport: service,
          syncNotes: sync_notes,
          mapping: service.fieldMapping,
          policy: service.options.retry,
          concurrency: service.options.concurrency,
          bulk: bulk_batch_id
            ? {
                transport: service,
                store: {
                  jobs: () => service.bulkJobs(bulk_batch_id),
                  save: (job) => service.saveBulkJob(owner, bulk_batch_id, job),
                },
                policy: service.options.retry,
                threshold: service.options.bulkThreshold,
              }
            : undefined,
          knownContacts,
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
