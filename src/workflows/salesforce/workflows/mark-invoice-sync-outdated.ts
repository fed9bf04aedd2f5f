import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { markInvoiceSyncOutdatedStep } from "../steps"

export const markInvoiceSyncOutdatedWorkflowId =
  "msi-mark-invoice-sync-outdated"

/** Flags an invoice whose Salesforce copy is stale, so the grid shows it and the catch-up resends it. */
export const markInvoiceSyncOutdatedWorkflow = createWorkflow(
  markInvoiceSyncOutdatedWorkflowId,
  (input: { invoice_id: string }) =>
    new WorkflowResponse(markInvoiceSyncOutdatedStep(input))
)
