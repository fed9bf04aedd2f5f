import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SalesforceSyncEvents } from "../events"
import type { SyncStateChanges } from "./record-sync-results"

export const emitSyncEventsStepId = "msi-emit-sync-events"

export type EmitSyncEventsStepInput = {
  run_id: string
  changes: SyncStateChanges
}

/**
 * Tells the rest of the store that a run finished and, when it did, that the connection started failing or
 * syncing paused. The one place these events leave the sync. Nothing to compensate: an event sent is sent, and
 * its listeners are idempotent.
 */
export const emitSyncEventsStep = createStep(
  emitSyncEventsStepId,
  async ({ run_id, changes }: EmitSyncEventsStepInput, { container }) => {
    const eventBus = container.resolve(Modules.EVENT_BUS)
    const events: { name: string; data: Record<string, unknown> }[] = [
      { name: SalesforceSyncEvents.RUN_FINISHED, data: { id: run_id } },
      ...(changes.connection_failed
        ? [
            {
              name: SalesforceSyncEvents.CONNECTION_FAILED,
              data: changes.connection_failed,
            },
          ]
        : []),
      ...(changes.paused
        ? [{ name: SalesforceSyncEvents.SYNC_PAUSED, data: changes.paused }]
        : []),
    ]
    await eventBus.emit(events)
    return new StepResponse(void 0)
  }
)
