import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { SyncTrigger } from "../../../modules/salesforce/types"

export const createSyncRunStepId = "msi-create-salesforce-sync-run"

export type CreateSyncRunStepInput = {
  trigger: SyncTrigger
  started_by?: string | null
}

/** Opens the run every attempt of this sync is recorded under; marked failed if the sync breaks. */
export const createSyncRunStep = createStep(
  createSyncRunStepId,
  async ({ trigger, started_by }: CreateSyncRunStepInput, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const run = await service.createSyncRuns({
      trigger,
      started_by: started_by ?? null,
      status: "running",
    })
    return new StepResponse(run.id, run.id)
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
