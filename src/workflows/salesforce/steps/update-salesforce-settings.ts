import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { SalesforceSettingsDTO } from "../../../modules/salesforce/types"

export const updateSalesforceSettingsStepId = "msi-update-salesforce-settings"

/** Changes the invoice sync toggles; the previous values come back if the workflow fails. */
export const updateSalesforceSettingsStep = createStep(
  updateSalesforceSettingsStepId,
  async (changes: Partial<SalesforceSettingsDTO>, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const { enabled, automatic_sync, sync_notes, attach_pdf } =
      await service.getSettings()
    const updated = await service.updateSettings(changes)
    return new StepResponse(updated, {
      enabled,
      automatic_sync,
      sync_notes,
      attach_pdf,
    })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    await service.updateSettings(previous)
  }
)
