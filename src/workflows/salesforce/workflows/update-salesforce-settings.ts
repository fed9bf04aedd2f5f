import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { SalesforceSettingsDTO } from "../../../modules/salesforce/types"
import { SalesforceSyncEvents } from "../events"
import { updateSalesforceSettingsStep } from "../steps"

export const updateSalesforceSettingsWorkflowId =
  "msi-update-salesforce-settings"

/**
 * Changes the invoice sync configuration. Turning sync off deletes nothing, here or in Salesforce. A raised API
 * budget that ends a pause asks a worker to drain what waited.
 */
export const updateSalesforceSettingsWorkflow = createWorkflow(
  updateSalesforceSettingsWorkflowId,
  (input: Partial<SalesforceSettingsDTO>) => {
    const { settings, resumed } = updateSalesforceSettingsStep(input)
    when({ resumed }, ({ resumed }) => resumed).then(() => {
      emitEventStep({
        eventName: SalesforceSyncEvents.SYNC_REQUESTED,
        data: transform({}, () => ({ trigger: "manual" })),
      }).config({ name: "drain-after-budget-raised" })
    })
    return new WorkflowResponse(settings)
  }
)
