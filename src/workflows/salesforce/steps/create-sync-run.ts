import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { SyncTrigger } from "../../../modules/salesforce/types"

export const createSyncRunStepId = "msi-create-salesforce-sync-run"

export type CreateSyncRunStepInput = {
  trigger: SyncTrigger
  started_by?: string | null
  /** How many documents the run will send. */
  total: number
}

/**
 * Opens the run every attempt of this request is recorded under (automatic requests get theirs when drained,
 * one per batch, so this gives null for them); marked failed if the request cannot be queued.
 */
export const createSyncRunStep = createStep(
  createSyncRunStepId,
  async (
    { trigger, started_by, total }: CreateSyncRunStepInput,
    { container }
  ) => {
    if (trigger === "automatic" || !total) {
      return new StepResponse(null, null)
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const run = await service.createSyncRuns({
      trigger,
      started_by: started_by ?? null,
      status: "running",
      total,
    })
    return new StepResponse(run.id as string | null, run.id)
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    await service.updateSyncRuns({
      id: runId,
      status: "failed",
      finished_at: new Date(),
    })
  }
)
