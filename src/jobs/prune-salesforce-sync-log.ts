import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"

/** Keeps the sync log to its retention period (six months by default). */
export default async function pruneSalesforceSyncLogJob(
  container: MedusaContainer
) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const salesforce: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    // Once a day across all workers, whichever claims it first.
    const { claimed } = await salesforce.claimJobRun(
      "prune-salesforce-sync-log",
      23 * 60 * 60_000
    )
    if (!claimed) {
      return
    }
    const removed = await salesforce.pruneSyncLog()
    if (removed) {
      logger.info(`[salesforce] pruned ${removed} sync log entries`)
    }
  } catch (error) {
    logger.error(
      `[salesforce] pruning the sync log failed: ${(error as Error).message}`
    )
  }
}

export const config = {
  name: "prune-salesforce-sync-log",
  schedule: "17 3 * * *",
}
