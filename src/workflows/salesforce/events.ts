/** Events of the Salesforce sync. */
export const SalesforceSyncEvents = {
  /** `{ trigger }`: documents were added to the outbox; a worker drains it. */
  SYNC_REQUESTED: "msi.salesforce.sync_requested",
} as const
