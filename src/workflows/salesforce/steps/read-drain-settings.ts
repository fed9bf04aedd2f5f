import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"

export const readDrainSettingsStepId = "msi-read-drain-settings"

/**
 * Whether a drain may send now (sync on, configured, no daily-limit pause, credentials not refused) and with
 * which settings. A drain that may not send leaves the outbox as it is: the documents wait, nothing fails.
 */
export const readDrainSettingsStep = createStep(
  readDrainSettingsStepId,
  async (_: void, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const settings = await service.getSettings()
    const paused =
      !!settings.paused_until && new Date(settings.paused_until) > new Date()
    return new StepResponse({
      can_send:
        settings.enabled && !paused && !service.configurationProblems().length,
      sync_notes: settings.sync_notes,
      attach_pdf: settings.attach_pdf,
    })
  }
)
