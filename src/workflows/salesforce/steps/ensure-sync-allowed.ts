import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"

export const ensureSyncAllowedStepId = "msi-ensure-salesforce-sync-allowed"

export const SYNC_DISABLED_MESSAGE =
  "Invoice synchronization is disabled. Turn on Enable Invoice Synchronization in Settings > Salesforce first."

/**
 * Refuses to sync while synchronization is off, the connection is not configured, a custom field mapping does not
 * fit the org, or the daily limit is spent (not for the API budget: what is queued then waits).
 */
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
    const mappingProblems = await service.checkFieldMapping()
    if (mappingProblems.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The field mapping does not fit Salesforce, so nothing is sent: ${mappingProblems.join("; ")}`
      )
    }
    // An API budget pause does not refuse: the documents are queued and wait (a Retry even goes).
    if (
      settings.paused_until &&
      new Date(settings.paused_until) > new Date() &&
      settings.pause_kind !== "api_budget"
    ) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Salesforce's daily API limit is spent; syncing resumes after ${new Date(settings.paused_until).toISOString()}`
      )
    }
    return new StepResponse({ sync_notes: settings.sync_notes })
  }
)
