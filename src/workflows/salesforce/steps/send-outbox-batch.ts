import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import { customerEmails } from "../../../modules/salesforce/batch-plan"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import type {
  OutboxClaim,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import { attachPdfs } from "../utils/attach-pdfs"
import { sendBatch } from "../utils/send-batch"

export const sendOutboxBatchStepId = "msi-send-outbox-batch"

export type SendOutboxBatchStepInput = {
  owner: string
  claims: OutboxClaim[]
  invoices: SyncableInvoice[]
  sync_notes: boolean
  /** File each synced document's PDF on its record (utils/attach-pdfs.ts). */
  attach_pdf: boolean
}

/**
 * Sends the claimed documents (each once, however many requests named it), renewing the lease while Salesforce
 * works. Nothing to compensate: a call to Salesforce cannot be taken back, and as every record is keyed by an
 * external ID, sending the batch again (after a crash, by another drain) converges on the same records; a PDF is
 * found again by its checksum rather than uploaded twice.
 */
export const sendOutboxBatchStep = createStep(
  sendOutboxBatchStepId,
  async (
    {
      owner,
      claims,
      invoices,
      sync_notes,
      attach_pdf,
    }: SendOutboxBatchStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const documents: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    const [previous, knownContacts] = await Promise.all([
      service.listInvoiceSyncs(
        { invoice_id: invoices.map((i) => i.id) },
        {
          select: [
            "invoice_id",
            "line_ids",
            "salesforce_id",
            "pdf_checksum",
            "pdf_document_id",
          ],
        }
      ),
      service.customerLinks(customerEmails(invoices)),
    ])
    const ids = claims.map((c) => c.id)
    const heartbeat = setInterval(
      () => void service.renewOutboxLease(owner, ids).catch(() => undefined),
      Math.max(1000, Math.floor(service.options.outbox.leaseMs / 3))
    )
    try {
      const sent = await sendBatch(
        {
          transport: service,
          syncNotes: sync_notes,
          mapping: service.fieldMapping,
          policy: service.options.retry,
          concurrency: service.options.concurrency,
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
      const result = attach_pdf
        ? await attachPdfs(
            {
              transport: service,
              render: (id) => documents.renderPdf(id),
              previous: new Map(
                previous.map((p) => [
                  p.invoice_id,
                  {
                    recordId: p.salesforce_id,
                    checksum: p.pdf_checksum,
                    documentId: p.pdf_document_id,
                  },
                ])
              ),
              policy: service.options.retry,
            },
            sent
          )
        : sent
      await service.options.outbox.afterPush?.(ids)
      return new StepResponse(result)
    } finally {
      clearInterval(heartbeat)
    }
  }
)
