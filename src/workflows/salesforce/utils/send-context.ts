import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import { customerEmails } from "../../../modules/salesforce/batch-plan"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type InvoiceModuleService from "../../../modules/invoice/service"
import type { AttachPdfContext } from "./attach-pdfs"
import type { SendContext } from "./send-batch"

/**
 * What the policy needs to send these documents, read from the database in two queries: the lines sent last time
 * (to delete those removed since) and the Contacts their customers are linked to. The drain and the preview both
 * build it here, so the preview plans exactly what a sync would send.
 */
export async function sendContextFor(
  service: SalesforceModuleService,
  invoices: SyncableInvoice[],
  syncNotes: boolean
): Promise<SendContext> {
  const [previous, knownContacts] = await Promise.all([
    service.listInvoiceSyncs(
      { invoice_id: invoices.map((i) => i.id) },
      { select: ["invoice_id", "line_ids"] }
    ),
    service.customerLinks(
      customerEmails(invoices, service.options.matchGuestsByEmail)
    ),
  ])
  return {
    transport: service,
    apiVersion: service.apiVersion(),
    syncNotes,
    matchGuestsByEmail: service.options.matchGuestsByEmail,
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
  }
}

/** What Attach PDF needs: each document's record and the PDF filed on it last time (one query), and the renderer. */
export async function attachPdfContextFor(
  service: SalesforceModuleService,
  documents: InvoiceModuleService,
  invoices: SyncableInvoice[]
): Promise<AttachPdfContext> {
  const filed = await service.listInvoiceSyncs(
    { invoice_id: invoices.map((i) => i.id) },
    {
      select: [
        "invoice_id",
        "salesforce_id",
        "pdf_checksum",
        "pdf_document_id",
      ],
    }
  )
  return {
    transport: service,
    render: (id) => documents.renderPdf(id),
    previous: new Map(
      filed.map((p) => [
        p.invoice_id,
        {
          recordId: p.salesforce_id,
          checksum: p.pdf_checksum,
          documentId: p.pdf_document_id,
        },
      ])
    ),
    policy: service.options.retry,
    concurrency: service.options.concurrency,
  }
}
