import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { enqueueSalesforceSyncWorkflow } from "../workflows/enqueue-salesforce-sync"

/**
 * The automatic trigger: queues the document in the outbox (a worker drains it; see the sync-requested
 * subscriber). When the sync may not start (daily limit spent, connection not configured) the document simply
 * waits for the catch-up, so that is logged as information, not as an error of the event bus.
 */
export async function syncAutomatically(
  container: MedusaContainer,
  invoiceId: string
) {
  try {
    await enqueueSalesforceSyncWorkflow(container).run({
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
          `[salesforce] invoice ${invoiceId} left for the catch-up: ${error.message}`
        )
      return
    }
    throw error
  }
}
