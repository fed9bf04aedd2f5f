import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { ensureSyncAllowedStep, findInvoicesToCatchUpStep } from "../steps"
import { enqueueSalesforceSyncWorkflow } from "./enqueue-salesforce-sync"

export type CatchUpSalesforceSyncWorkflowInput = { started_by?: string | null }

export const catchUpSalesforceSyncWorkflowId = "msi-catch-up-salesforce-sync"

/** Finds every invoice Salesforce is missing or has out of date and queues them in one run. */
export const catchUpSalesforceSyncWorkflow = createWorkflow(
  catchUpSalesforceSyncWorkflowId,
  (input: CatchUpSalesforceSyncWorkflowInput) => {
    ensureSyncAllowedStep().config({ name: "ensure-catch-up-allowed" })
    const ids = findInvoicesToCatchUpStep()
    const queued = when({ ids }, ({ ids }) => ids.length > 0).then(() =>
      enqueueSalesforceSyncWorkflow.runAsStep({
        input: transform({ ids, input }, ({ ids, input }) => ({
          invoice_ids: ids,
          trigger: "catch_up" as const,
          started_by: input.started_by ?? null,
        })),
      })
    )
    const result = transform({ ids, queued }, ({ ids, queued }) => ({
      run_id: queued?.run_id ?? null,
      found: ids.length,
    }))
    return new WorkflowResponse(result)
  }
)
