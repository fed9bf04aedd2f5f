import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { syncInvoicesToSalesforceWorkflow } from "../workflows/sync-invoices-to-salesforce"

/**
 * The automatic trigger: sends one invoice now. When the sync may not start (daily limit spent, connection not
 * configured) the invoice simply waits for the catch-up, so that is logged as information, not as an error of
 * the event bus. Failures of the sync itself are in the sync log.
 */
export async function syncAutomatically(
  container: MedusaContainer,
  invoiceId: string
) {
  try {
    await syncInvoicesToSalesforceWorkflow(container).run({
      input: {
        invoice_ids: [invoiceId],
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
          `[salesforce] ${invoiceId} left for the catch-up: ${error.message}`
        )
      return
    }
    throw error
  }
}
