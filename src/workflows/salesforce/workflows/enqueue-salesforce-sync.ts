import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { SyncTrigger } from "../../../modules/salesforce/types"
import { SalesforceSyncEvents } from "../events"
import {
  createSyncRunStep,
  enqueueOutboxEntriesStep,
  ensureSyncAllowedStep,
} from "../steps"

export type EnqueueSalesforceSyncWorkflowInput = {
  invoice_ids: string[]
  trigger: SyncTrigger
  /** The admin user who asked, when one did. */
  started_by?: string | null
}

export const enqueueSalesforceSyncWorkflowId = "msi-enqueue-salesforce-sync"

/**
 * Every sync trigger goes through here: records what should be sent (one outbox row per document, under a run
 * for all but automatic requests) and asks a worker to drain. A credit note's original invoice is queued along
 * when Salesforce does not have it yet, since the credit note points at it; it is queued first, so sent first.
 */
export const enqueueSalesforceSyncWorkflow = createWorkflow(
  enqueueSalesforceSyncWorkflowId,
  (input: EnqueueSalesforceSyncWorkflowInput) => {
    ensureSyncAllowedStep()

    const { data: requested } = useQueryGraphStep({
      entity: "msi_invoice",
      fields: ["id", "original_invoice_id"],
      filters: { id: input.invoice_ids },
    }).config({ name: "find-requested-invoices" })
    const originalIds = transform({ requested }, ({ requested }) => [
      ...new Set(
        requested
          .map(
            (i: { original_invoice_id: string | null }) => i.original_invoice_id
          )
          .filter((id): id is string => !!id)
      ),
    ])
    const { data: syncedOriginals } = useQueryGraphStep({
      entity: "msi_invoice_sync",
      fields: ["invoice_id"],
      filters: { invoice_id: originalIds, status: "synced" },
    }).config({ name: "find-synced-originals" })
    const ids = transform(
      { requested, originalIds, syncedOriginals, input },
      ({ requested, originalIds, syncedOriginals, input }) => {
        const synced = new Set(
          syncedOriginals.map((s: { invoice_id: string }) => s.invoice_id)
        )
        const known = new Set(requested.map((i: { id: string }) => i.id))
        const missing = originalIds.filter((id) => !synced.has(id))
        // In the order asked, originals first; documents that do not exist are not queued.
        return [
          ...new Set([
            ...missing,
            ...input.invoice_ids.filter((id) => known.has(id)),
          ]),
        ]
      }
    )

    const runId = createSyncRunStep({
      trigger: input.trigger,
      started_by: input.started_by,
      total: transform({ ids }, ({ ids }) => ids.length),
    })
    const entries = enqueueOutboxEntriesStep({
      invoice_ids: ids,
      trigger: input.trigger,
      started_by: input.started_by,
      run_id: runId,
    })
    emitEventStep({
      eventName: SalesforceSyncEvents.SYNC_REQUESTED,
      data: transform({ input }, ({ input }) => ({ trigger: input.trigger })),
    })
    return new WorkflowResponse({ run_id: runId, entries })
  }
)
