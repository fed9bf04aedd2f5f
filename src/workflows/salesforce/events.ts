/** Events of the Salesforce sync. */
export const SalesforceSyncEvents = {
  /** `{ trigger }`: documents were added to the outbox; a worker drains it. */
  SYNC_REQUESTED: "msi.salesforce.sync_requested",
  /** `{ id }` of a sync run, emitted once its last document is recorded. */
  RUN_FINISHED: "msi.sync_run.finished",
  /** `{ at, message }`: a working connection started failing (emitted once per change, see markConnectionFailing). */
  CONNECTION_FAILED: "msi.connection.failed",
  /** `{ until, reason }`: syncing paused for Salesforce's API limit (once per pause, see pauseSync). */
  SYNC_PAUSED: "msi.sync.paused",
} as const

export type SyncRunFinishedData = { id: string }
export type ConnectionFailedData = { at: string; message: string }
export type SyncPausedData = { until: string; reason: string }
