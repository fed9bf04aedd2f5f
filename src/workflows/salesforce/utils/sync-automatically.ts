import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import { syncInvoicesToSalesforceWorkflow } from "../workflows/sync-invoices-to-salesforce"

/**
 * The automatic trigger: queues the invoice for the next automatic batch (invoices arriving together go in one
 * run). When the sync may not start (daily limit spent, connection not configured) the invoices simply wait for
 * the catch-up, so that is logged as information, not as an error of the event bus. Failures of the sync itself
 * are in the sync log.
 */
export async function syncAutomatically(
  container: MedusaContainer,
  invoiceId: string
) {
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  await salesforce.automaticSyncQueue.add(invoiceId, async (invoiceIds) => {
    try {
      await syncInvoicesToSalesforceWorkflow(container).run({
        input: {
          invoice_ids: invoiceIds,
          trigger: "automatic",
          started_by: null,
        },
      })
    } catch (error) {
      if (
        MedusaError.isMedusaError(error) &&
        error.type === MedusaError.Types.NOT_ALLOWED
      ) {
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .info(
            `[salesforce] ${invoiceIds.length} invoice(s) left for the catch-up: ${error.message}`
          )
        return
      }
      throw error
    }
  })
}
