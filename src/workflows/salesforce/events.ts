/** Events of the sync itself, for alerts (and whoever else wants to know). */
export const SalesforceSyncEvents = {
  /** `{ id }` of a sync run, emitted once its results are recorded. */
  RUN_FINISHED: "msi.sync_run.finished",
  /** `{ at, message }`: a working connection started failing (emitted once per change, see markConnectionFailing). */
  CONNECTION_FAILED: "msi.connection.failed",
  /** `{ until, reason }`: syncing paused for Salesforce's API limit (once per pause, see pauseSync). */
  SYNC_PAUSED: "msi.sync.paused",
} as const

export type SyncRunFinishedData = { id: string }
export type ConnectionFailedData = { at: string; message: string }
export type SyncPausedData = { until: string; reason: string }
