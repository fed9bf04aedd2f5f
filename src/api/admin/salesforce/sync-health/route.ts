import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { INVOICE_MODULE } from "../../../../modules/invoice"
import type InvoiceModuleService from "../../../../modules/invoice/service"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import type SalesforceModuleService from "../../../../modules/salesforce/service"

const DAYS = 30

/**
 * The sync at a glance, in one call: documents synced and failed per day over the last 30 days, and the backlog
 * (documents waiting to be sent: queued in the outbox, never tried, failed, or changed since they were synced),
 * each document counted once.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const invoices: InvoiceModuleService = req.scope.resolve(INVOICE_MODULE)
  const [health, [, documents]] = await Promise.all([
    service.syncHealth({ days: DAYS }),
    invoices.listAndCountInvoices({}, { select: ["id"], take: 1 }),
  ])
  // Every document without a sync state was never tried (states only exist for documents, never deleted); those
  // queued already count as queued.
  const notSynced = Math.max(
    0,
    documents - health.tracked - health.queued_untracked
  )
  res.json({
    health: {
      days: health.days,
      backlog: {
        queued: health.queued,
        not_synced: notSynced,
        failed: health.failed,
        outdated: health.outdated,
        total: health.queued + notSynced + health.failed + health.outdated,
      },
    },
  })
}
