import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  BuildSyncAlertStepInput,
  ConnectionFailedData,
  SalesforceSyncEvents,
  sendSyncAlertWorkflow,
  SyncPausedData,
  SyncRunFinishedData,
} from "../workflows/salesforce"

type SyncEventData = SyncRunFinishedData | ConnectionFailedData | SyncPausedData

// The event name decides the shape of its data (see SalesforceSyncEvents): the casts below name that contract.
function alertInput(
  name: string,
  data: SyncEventData
): BuildSyncAlertStepInput {
  switch (name) {
    case SalesforceSyncEvents.CONNECTION_FAILED:
      return { kind: "connection_failed", data: data as ConnectionFailedData }
    case SalesforceSyncEvents.SYNC_PAUSED:
      return { kind: "paused", data: data as SyncPausedData }
    default:
      return { kind: "run_finished", data: data as SyncRunFinishedData }
  }
}

/** Alerts: a run with failures, a connection that starts failing, a pause each notify the admin once. */
export default async function salesforceSyncAlerts({
  event,
  container,
}: SubscriberArgs<SyncEventData>) {
  await sendSyncAlertWorkflow(container).run({
    input: alertInput(event.name, event.data),
  })
}

export const config: SubscriberConfig = {
  event: [
    SalesforceSyncEvents.RUN_FINISHED,
    SalesforceSyncEvents.CONNECTION_FAILED,
    SalesforceSyncEvents.SYNC_PAUSED,
  ],
  context: { subscriberId: "msi-salesforce-sync-alerts" },
}
