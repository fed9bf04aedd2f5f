import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import { customerEmails } from "../../../modules/salesforce/batch-plan"
import type SalesforceModuleService from "../../../modules/salesforce/service"
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
    service.customerLinks(customerEmails(invoices)),
  ])
  return {
    transport: service,
    apiVersion: service.apiVersion(),
    syncNotes,
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
