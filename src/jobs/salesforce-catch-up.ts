import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"
import { catchUpSalesforceSyncWorkflow } from "../workflows/salesforce"

/** The catch-up's row in msi_scheduled_job_claim. */
export const CATCH_UP_JOB = "salesforce-invoice-catch-up"
const TICK_SLACK_MS = 10_000

/**
 * Catch-up: queues every invoice that should be in Salesforce and is not. Scheduled every minute in every worker,
 * it acts once per configured interval (module option catchUpIntervalMinutes, default 15) across all of them.
 */
export default async function salesforceCatchUpJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  try {
    const settings = await salesforce.getSettings()
    if (!settings.enabled || salesforce.configurationProblems().length) {
      return
    }
    // One worker per interval: the claim is one atomic statement in the database, whatever the topology.
    // The job ticks every minute, and a tick can run a few seconds earlier in its minute than the one that last
    // claimed: without some slack a 15-minute interval would often be taken only at the 16th minute.
    const { claimed, first } = await salesforce.claimJobRun(
      CATCH_UP_JOB,
      salesforce.options.catchUpIntervalMinutes * 60_000 - TICK_SLACK_MS
    )
    if (!claimed || first) {
      // A store that never ran it starts counting now, so a freshly enabled sync is not raced by it.
      return
    }
    if (settings.paused_until && new Date(settings.paused_until) > new Date()) {
      logger.info(
        `[salesforce] catch-up skipped: ${settings.pause_reason ?? "the daily API limit is spent"}`
      )
      return
    }
    const { result } = await catchUpSalesforceSyncWorkflow(container).run({
      input: { started_by: null },
    })
    if (result.found) {
      logger.info(
        `[salesforce] catch-up: ${result.found} queued in run ${result.run_id}`
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
