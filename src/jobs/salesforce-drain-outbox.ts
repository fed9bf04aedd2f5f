import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"
import { drainOutbox } from "../workflows/salesforce/utils/drain-outbox"

/** Claimed by one worker a minute (a little less, so a slow tick does not skip a minute). */
const INTERVAL_MS = 50_000

/**
 * The safety net of the outbox: reclaims leases of drains that died (their runs become interrupted) and sends
 * whatever is still waiting, e.g. documents queued by a process that died before its drain ran.
 */
export default async function salesforceDrainOutboxJob(
  container: MedusaContainer
) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  try {
    const { claimed } = await salesforce.claimJobRun(
      "salesforce-drain-outbox",
      INTERVAL_MS
    )
    if (!claimed) {
      return
    }
    const interrupted = await salesforce.reclaimExpiredLeases()
    if (interrupted.length) {
      logger.warn(
        `[salesforce] ${interrupted.length} run(s) interrupted by a drain that stopped; their documents are sent again`
      )
    }
    await drainOutbox(container)
  } catch (error) {
    logger.error(
      `[salesforce] draining the outbox failed: ${(error as Error).message}`
    )
  }
}

export const config = {
  name: "msi-salesforce-drain-outbox",
  schedule: "* * * * *",
}
