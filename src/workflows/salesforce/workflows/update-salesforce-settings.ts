import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { SalesforceSettingsDTO } from "../../../modules/salesforce/types"
import { updateSalesforceSettingsStep } from "../steps"

export const updateSalesforceSettingsWorkflowId =
  "msi-update-salesforce-settings"

/** Changes the invoice sync configuration. Turning sync off deletes nothing, here or in Salesforce. */
export const updateSalesforceSettingsWorkflow = createWorkflow(
  updateSalesforceSettingsWorkflowId,
  (input: Partial<SalesforceSettingsDTO>) =>
    new WorkflowResponse(updateSalesforceSettingsStep(input))
)
