import { Alert } from "@medusajs/ui"
import { formatDateTime } from "../lib/format"
import type { SyncPause } from "../lib/types"

/** Why documents wait instead of going to Salesforce, on the log and a run's page. */
export const SyncPausedBanner = ({ pause }: { pause?: SyncPause | null }) =>
  pause ? (
    <Alert variant="warning" data-testid="sync-paused-banner">
      Syncing is paused: {pause.reason}. Queued documents wait and go by
      themselves
      {pause.active && pause.until
        ? ` (next look after ${formatDateTime(pause.until)})`
        : ""}
      ; Settings → Salesforce shows the usage and the budget.
    </Alert>
  ) : null
