import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { SalesforceSettingsDTO } from "../../../modules/salesforce/types"

export const updateSalesforceSettingsStepId = "msi-update-salesforce-settings"

/**
 * Changes the invoice sync settings; the previous values come back if the workflow fails. A raised API budget
 * ends a budget pause at once (`resumed`): the next drain looks at usage against the new budget, and pauses
 * again, without a new alert, if it is still reached.
 */
export const updateSalesforceSettingsStep = createStep(
  updateSalesforceSettingsStepId,
  async (changes: Partial<SalesforceSettingsDTO>, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const before = await service.getSettings()
    const {
      enabled,
      automatic_sync,
      sync_notes,
      attach_pdf,
      api_budget_percent,
    } = before
    const raised =
      changes.api_budget_percent !== undefined &&
      changes.api_budget_percent > api_budget_percent
    const budgetPaused =
      before.pause_kind === "api_budget" &&
      !!before.paused_until &&
      new Date(before.paused_until) > new Date()
    const resumed = raised && budgetPaused
    const settings = await service.updateSettings({
      ...changes,
      ...(resumed ? { paused_until: new Date() } : {}),
    })
    return new StepResponse(
      { settings, resumed },
      { enabled, automatic_sync, sync_notes, attach_pdf, api_budget_percent }
    )
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
