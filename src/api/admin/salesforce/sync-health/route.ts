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
 * (documents waiting to be sent: never synced, failed, or changed since they were synced).
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
  // Every document without a sync state was never tried; states only exist for documents (never deleted).
  const notSynced = Math.max(0, documents - health.tracked)
  res.json({
    health: {
      days: health.days,
      backlog: {
        not_synced: notSynced,
        failed: health.failed,
        outdated: health.outdated,
        total: notSynced + health.failed + health.outdated,
      },
    },
  })
}
