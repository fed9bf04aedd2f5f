import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import { detailJson } from "../../../modules/salesforce/attempt-detail"
import type {
  OutboxCommit,
  OutboxWork,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import {
  ApiUsage,
  budgetReached,
  pastBudgetNote,
} from "../../../modules/salesforce/api-budget"
import type { ApiMeter } from "../../../modules/salesforce/lib/client"
import { attachPdfs } from "../utils/attach-pdfs"
import {
  failureReason,
  isTransientFailure,
  mustSetAside,
  setAsideOutcome,
} from "../utils/outbox-failures"
import { PushResult, sendBatch } from "../utils/send-batch"
import { attachPdfContextFor, sendContextFor } from "../utils/send-context"

export const sendOutboxBatchStepId = "msi-send-outbox-batch"

export type SendOutboxBatchStepInput = {
  owner: string
  /** The claim: its documents are read here, in one query; a bulk batch's plan goes as ingest jobs. */
  work: OutboxWork
  sync_notes: boolean
  api_budget_percent: number
  /** File each synced document's PDF on its record (utils/attach-pdfs.ts). */
  attach_pdf: boolean
}

/** What the commit needs of a sent batch: each outcome's detail as JSON text (a string is copied whole). */
export type SentOutboxBatch = Omit<PushResult, "outcomes"> &
  Required<Pick<OutboxCommit, "api" | "guarded">> &
  Pick<OutboxCommit, "documents" | "outcomes">

/**
 * Reads the claimed documents with everything the mapping reads (the invoice module's listSyncableInvoices, one
 * query for the batch) and sends them (each once, however many requests named it), as composite requests or, for
 * a bulk batch, as Bulk API 2.0 jobs (resuming the jobs a dead drain stored), renewing the lease while Salesforce
 * works; held to the API budget unless every claim is a Retry (which goes past it and says so in its note); counts
 * the batch's REST calls and the usage Salesforce reported, for the commit to store. The documents stay inside
 * this step: the commit gets their outcomes and the few fields the sync log copies. Nothing to compensate: a call
 * to Salesforce cannot be taken back, and as every record is keyed by an external ID, sending the batch again
 * (after a crash, by another drain) converges on the same records; a PDF is found again by its checksum rather
 * than uploaded twice.
 */
export const sendOutboxBatchStep = createStep(
  sendOutboxBatchStepId,
  async (
    {
      owner,
      work: { claims, bulk },
      sync_notes,
      api_budget_percent: percent,
      attach_pdf,
    }: SendOutboxBatchStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const invoiceService: InvoiceModuleService =
      container.resolve(INVOICE_MODULE)
    const invoices: SyncableInvoice[] =
      await invoiceService.listSyncableInvoices([
        ...new Set(claims.map((c) => c.invoice_id)),
      ])
    // Documents a drain failed on MAX_FAILURES times are not sent again: each is recorded as failed, with its
    // last reason, and Retry queues it again.
    const setAside = claims.filter(mustSetAside)
    const asideIds = new Set(setAside.map((c) => c.invoice_id))
    const toSend = invoices.filter((i) => !asideIds.has(i.id))
    const context = await sendContextFor(service, toSend, sync_notes)
    const ids = claims.map((c) => c.id)
    const bulkBatchId = bulk?.batch_id ?? null
    const renew = () =>
      bulkBatchId
        ? service.renewBulkLease(owner, bulkBatchId)
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
        const sent = toSend.length
          ? await sendBatch(
              {
                ...context,
                budget: pastBudget ? undefined : { percent, meter },
                bulk: bulkBatchId
                  ? {
                      transport: service,
                      store: {
                        jobs: () => service.bulkJobs(bulkBatchId),
                        save: (job) =>
                          service.saveBulkJob(owner, bulkBatchId, job),
                      },
                      policy: service.options.retry,
                      threshold: service.options.bulkThreshold,
                    }
                  : undefined,
              },
              toSend
            )
          : { outcomes: [], halt: null }
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
              await attachPdfContextFor(service, invoiceService, invoices),
              sent
            )
          : sent
      })
      await service.options.outbox.afterPush?.(ids)
      const sent: SentOutboxBatch = {
        ...result,
        outcomes: [
          ...result.outcomes.map(({ detail, ...outcome }) => ({
            ...outcome,
            detail_json: detail
              ? detailJson(service.redactDetail(detail))
              : null,
          })),
          ...setAside.map(setAsideOutcome),
        ],
        api: { calls: meter.calls, usage: meter.usage },
        guarded: !pastBudget,
        documents: invoices.map((i) => ({
          id: i.id,
          number: i.number,
          order_id: i.order_id,
          order_display_id: i.order_display_id,
          type: i.type,
          total: Number(i.total),
          currency_code: i.currency_code,
        })),
      }
      return new StepResponse(sent)
    } catch (error) {
      if (isTransientFailure(error)) throw error
      // It may fail again the same way: counted against the documents, which the next claims take one by one.
      const reason = failureReason(error)
      await service.noteOutboxFailure(owner, ids, reason)
      throw new Error(`[salesforce] sending a batch failed: ${reason}`)
    } finally {
      clearInterval(heartbeat)
    }
  }
)
