import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import type {
  OutboxClaim,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import {
  ApiUsage,
  budgetReached,
  pastBudgetNote,
} from "../../../modules/salesforce/api-budget"
import type { ApiMeter } from "../../../modules/salesforce/lib/client"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import { attachPdfs } from "../utils/attach-pdfs"
import { sendBatch } from "../utils/send-batch"
import { attachPdfContextFor, sendContextFor } from "../utils/send-context"

export const sendOutboxBatchStepId = "msi-send-outbox-batch"

export type SendOutboxBatchStepInput = {
  owner: string
  claims: OutboxClaim[]
  invoices: SyncableInvoice[]
  sync_notes: boolean
  api_budget_percent: number
  /** Set when the claim is a Bulk API 2.0 batch: its plan goes as ingest jobs, stored under this id. */
  bulk_batch_id: string | null
  /** File each synced document's PDF on its record (utils/attach-pdfs.ts). */
  attach_pdf: boolean
}

/**
 * Sends the claimed documents (each once, however many requests named it), as composite requests or, for a bulk
 * batch, as Bulk API 2.0 jobs (resuming the jobs a dead drain stored), renewing the lease while Salesforce works;
 * held to the API budget unless every claim is a Retry (which goes past it and says so in its note); counts the
 * batch's REST calls and the usage Salesforce reported, for the commit to store. Nothing to compensate: a call to
 * Salesforce cannot be taken back, and as every record is keyed by an external ID, sending the batch again (after
 * a crash, by another drain) converges on the same records; a PDF is found again by its checksum rather than
 * uploaded twice.
 */
export const sendOutboxBatchStep = createStep(
  sendOutboxBatchStepId,
  async (
    {
      owner,
      claims,
      invoices,
      sync_notes,
      api_budget_percent: percent,
      bulk_batch_id,
      attach_pdf,
    }: SendOutboxBatchStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const context = await sendContextFor(service, invoices, sync_notes)
    const documents: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    const ids = claims.map((c) => c.id)
    const renew = () =>
      bulk_batch_id
        ? service.renewBulkLease(owner, bulk_batch_id)
        : service.renewOutboxLease(owner, ids)
    const heartbeat = setInterval(
      () => void renew().catch(() => undefined),
      Math.max(1000, Math.floor(service.options.outbox.leaseMs / 3))
    )
    const meter: ApiMeter = { calls: 0, usage: null }
    const pastBudget = claims.every((c) => c.trigger === "retry")
    try {
      const result = await service.metered(meter, async () => {
        meter.usage = await service.knownApiUsage(percent)
        const before = meter.usage
        const sent = await sendBatch(
          {
            ...context,
            budget: pastBudget ? undefined : { percent, meter },
            bulk: bulk_batch_id
              ? {
                  transport: service,
                  store: {
                    jobs: () => service.bulkJobs(bulk_batch_id),
                    save: (job) =>
                      service.saveBulkJob(owner, bulk_batch_id, job),
                  },
                  policy: service.options.retry,
                  threshold: service.options.bulkThreshold,
                }
              : undefined,
          },
          invoices
        )
        const after = meter.usage ?? before
        const crossed = [before, after].find(
          (u): u is ApiUsage => !!u && budgetReached(u, percent)
        )
        if (pastBudget && crossed) {
          const note = pastBudgetNote(crossed, percent)
          for (const outcome of sent.outcomes) outcome.note = note
        }
        // Attach PDF: each synced document's PDF on its record, once per content.
        return attach_pdf
          ? attachPdfs(
              await attachPdfContextFor(service, documents, invoices),
              sent
            )
          : sent
      })
      await service.options.outbox.afterPush?.(ids)
      return new StepResponse({
        ...result,
        api: { calls: meter.calls, usage: meter.usage },
        guarded: !pastBudget,
      })
    } finally {
      clearInterval(heartbeat)
    }
  }
)
