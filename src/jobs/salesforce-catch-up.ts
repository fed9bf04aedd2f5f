import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"
import { catchUpSalesforceSyncWorkflow } from "../workflows/salesforce"
import { isCatchUpDue } from "../workflows/salesforce/utils/catch-up-schedule"

/**
 * Catch-up: sends every invoice that should be in Salesforce and is not. Scheduled every minute, it acts once per
 * configured interval (module option catchUpIntervalMinutes, default 15), so the interval needs no redeploy.
 */
export default async function salesforceCatchUpJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  try {
    const settings = await salesforce.getSettings()
    const now = new Date()
    if (!settings.enabled || salesforce.configurationProblems().length) {
      return
    }
    const due = isCatchUpDue(
      settings.catch_up_checked_at,
      salesforce.options.catchUpIntervalMinutes,
      now
    )
    if (due || !settings.catch_up_checked_at) {
      await salesforce.updateSettings({ catch_up_checked_at: now })
    }
    if (!due) {
      return
    }
    if (settings.paused_until && new Date(settings.paused_until) > now) {
      logger.info("[salesforce] catch-up skipped: the daily API limit is spent")
      return
    }
    const { result } = await catchUpSalesforceSyncWorkflow(container).run({
      input: { started_by: null },
    })
    if (result.found) {
      logger.info(
        `[salesforce] catch-up: ${result.found} found, ${result.synced} synced, ${result.failed} failed`
      )
    }
  } catch (error) {
    logger.error(`[salesforce] catch-up failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "salesforce-invoice-catch-up",
  schedule: "* * * * *",
}
