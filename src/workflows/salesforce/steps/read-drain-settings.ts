import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"

export const readDrainSettingsStepId = "msi-read-drain-settings"

/**
 * Whether a drain may send now (sync on, configured, no daily-limit pause, credentials not refused) and with
 * which settings. A drain that may not send leaves the outbox as it is: the documents wait, nothing fails. While
 * the API budget pauses syncing, only Retries are sent (a merchant's explicit request, let past the budget).
 */
export const readDrainSettingsStep = createStep(
  readDrainSettingsStepId,
  async (_: void, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const settings = await service.getSettings()
    const paused =
      !!settings.paused_until && new Date(settings.paused_until) > new Date()
    const budgetPause = paused && settings.pause_kind === "api_budget"
    return new StepResponse({
      can_send:
        settings.enabled &&
        (!paused || budgetPause) &&
        !service.configurationProblems().length,
      only_retries: budgetPause,
      sync_notes: settings.sync_notes,
      api_budget_percent: settings.api_budget_percent,
      attach_pdf: settings.attach_pdf,
    })
  }
)
