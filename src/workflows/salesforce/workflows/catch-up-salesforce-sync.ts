import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { SalesforceSyncEvents } from "../events"
import { enqueueCatchUpStep, ensureSyncAllowedStep } from "../steps"

export type CatchUpSalesforceSyncWorkflowInput = { started_by?: string | null }

export const catchUpSalesforceSyncWorkflowId = "msi-catch-up-salesforce-sync"

/**
 * Queues every invoice Salesforce is missing or has out of date in one run, inside the database (the documents'
 * ids never pass through here), and asks a worker to drain.
 */
export const catchUpSalesforceSyncWorkflow = createWorkflow(
  catchUpSalesforceSyncWorkflowId,
  (input: CatchUpSalesforceSyncWorkflowInput) => {
    ensureSyncAllowedStep().config({ name: "ensure-catch-up-allowed" })
    const queued = enqueueCatchUpStep(
      transform({ input }, ({ input }) => ({
        started_by: input.started_by ?? null,
      }))
    )
    when({ queued }, ({ queued }) => queued.found > 0).then(() => {
      emitEventStep({
        eventName: SalesforceSyncEvents.SYNC_REQUESTED,
        data: { trigger: "catch_up" },
      })
    })
    return new WorkflowResponse(queued)
  }
)
