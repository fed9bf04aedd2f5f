import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"

export const markInvoiceSyncOutdatedStepId = "msi-mark-invoice-sync-outdated"

/** A synced invoice whose Salesforce copy no longer matches becomes "outdated"; others are left as they are. */
export const markInvoiceSyncOutdatedStep = createStep(
  markInvoiceSyncOutdatedStepId,
  async ({ invoice_id }: { invoice_id: string }, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const [state] = await service.listInvoiceSyncs({
      invoice_id,
      status: "synced",
    })
    if (!state) {
      return new StepResponse(void 0, null)
    }
    await service.updateInvoiceSyncs({ id: state.id, status: "outdated" })
    return new StepResponse(void 0, state.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    await service.updateInvoiceSyncs({ id, status: "synced" })
  }
)
