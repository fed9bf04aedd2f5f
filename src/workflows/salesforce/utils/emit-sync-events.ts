import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { OutboxCommitResult } from "../../../modules/salesforce/service"
import { SalesforceSyncEvents } from "../events"

/**
 * The one place the sync's own events leave it: a run finished (its last document recorded), the connection
 * started failing, syncing paused. Called after the commit that recorded them; each fact is reported by exactly
 * one commit (see countIntoRuns, markConnectionFailing, pauseSync), and the alerts' idempotency keys absorb a
 * redelivery.
 */
export async function emitSyncEvents(
  container: MedusaContainer,
  {
    finished_runs,
    changes,
  }: Pick<OutboxCommitResult, "finished_runs" | "changes">
) {
  const events: { name: string; data: Record<string, unknown> }[] = [
    ...finished_runs.map((id) => ({
      name: SalesforceSyncEvents.RUN_FINISHED,
      data: { id },
    })),
  ]
  if (changes.connection_failed) {
    events.push({
      name: SalesforceSyncEvents.CONNECTION_FAILED,
      data: changes.connection_failed,
    })
  }
  if (changes.paused) {
    events.push({
      name: SalesforceSyncEvents.SYNC_PAUSED,
      data: changes.paused,
    })
  }
  if (events.length) {
    await container.resolve(Modules.EVENT_BUS).emit(events)
  }
}
