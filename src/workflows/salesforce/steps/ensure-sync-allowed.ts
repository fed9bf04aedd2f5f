import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"

export const ensureSyncAllowedStepId = "msi-ensure-salesforce-sync-allowed"

export const SYNC_DISABLED_MESSAGE =
  "Invoice synchronization is disabled. Turn on Enable Invoice Synchronization in Settings > Salesforce first."

/** Refuses to sync while synchronization is off, the connection is not configured, or the daily limit is spent. */
export const ensureSyncAllowedStep = createStep(
  ensureSyncAllowedStepId,
  async (_: void, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const settings = await service.getSettings()
    if (!settings.enabled) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        SYNC_DISABLED_MESSAGE
      )
    }
    service.assertConfigured()
    if (settings.paused_until && new Date(settings.paused_until) > new Date()) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Salesforce's daily API limit is spent; syncing resumes after ${new Date(settings.paused_until).toISOString()}`
      )
    }
    return new StepResponse({ sync_notes: settings.sync_notes })
  }
)
