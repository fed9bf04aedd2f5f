import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"
import type { SyncTrigger } from "../modules/salesforce/types"
import { SalesforceSyncEvents } from "../workflows/salesforce/events"
import { drainOutbox } from "../workflows/salesforce/utils/drain-outbox"

/**
 * Documents were queued: drain the outbox in this worker. An automatic request waits the batching window first,
 * so documents created together go in one batch (whichever drain claims first takes them all; the others find
 * nothing). If this process dies, the scheduled drain picks the documents up.
 */
export default async function salesforceDrainOnSyncRequested({
  event,
  container,
}: SubscriberArgs<{ trigger: SyncTrigger }>) {
  if (event.data.trigger === "automatic") {
    const salesforce: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    await new Promise((resolve) =>
      setTimeout(resolve, salesforce.options.automaticSyncWindowMs)
    )
  }
  await drainOutbox(container)
}

export const config: SubscriberConfig = {
  event: SalesforceSyncEvents.SYNC_REQUESTED,
  context: { subscriberId: "msi-salesforce-drain-on-sync-requested" },
}
