import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { SyncTrigger } from "../../../modules/salesforce/types"

export const enqueueOutboxEntriesStepId = "msi-enqueue-outbox-entries"

export type EnqueueOutboxEntriesStepInput = {
  invoice_ids: string[]
  trigger: SyncTrigger
  started_by?: string | null
  run_id: string | null
}

/** Writes one pending outbox row per document: from here on the request survives any process. */
export const enqueueOutboxEntriesStep = createStep(
  enqueueOutboxEntriesStepId,
  async (input: EnqueueOutboxEntriesStepInput, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const entries = await service.enqueueSync(
      input.invoice_ids.map((invoice_id) => ({
        invoice_id,
        trigger: input.trigger,
        started_by: input.started_by ?? null,
        run_id: input.run_id,
      }))
    )
    const queued = entries.map((e) => ({ id: e.id, invoice_id: e.invoice_id }))
    return new StepResponse(
      queued,
      queued.map((e) => e.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    await service.deleteSyncOutboxEntries(ids)
  }
)
