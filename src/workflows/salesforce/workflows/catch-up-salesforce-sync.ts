import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { ensureSyncAllowedStep, findInvoicesToCatchUpStep } from "../steps"
import { syncInvoicesToSalesforceWorkflow } from "./sync-invoices-to-salesforce"

export type CatchUpSalesforceSyncWorkflowInput = { started_by?: string | null }

export const catchUpSalesforceSyncWorkflowId = "msi-catch-up-salesforce-sync"

/** Finds every invoice Salesforce is missing or has out of date, and sends them in one run. */
export const catchUpSalesforceSyncWorkflow = createWorkflow(
  catchUpSalesforceSyncWorkflowId,
  (input: CatchUpSalesforceSyncWorkflowInput) => {
    ensureSyncAllowedStep().config({ name: "ensure-catch-up-allowed" })
    const ids = findInvoicesToCatchUpStep()
    const synced = when({ ids }, ({ ids }) => ids.length > 0).then(() =>
      syncInvoicesToSalesforceWorkflow.runAsStep({
        input: transform({ ids, input }, ({ ids, input }) => ({
          invoice_ids: ids,
          trigger: "catch_up" as const,
          started_by: input.started_by ?? null,
        })),
      })
    )
    const result = transform({ ids, synced }, ({ ids, synced }) => ({
      run_id: synced?.run_id ?? null,
      found: ids.length,
      synced: synced?.outcomes.filter((o) => o.status === "synced").length ?? 0,
      failed: synced?.outcomes.filter((o) => o.status === "failed").length ?? 0,
    }))
    return new WorkflowResponse(result)
  }
)
