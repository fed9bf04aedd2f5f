import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"

export const enqueueCatchUpStepId = "msi-enqueue-catch-up"

export type EnqueueCatchUpStepInput = {
  /** The admin user who asked, when one did. */
  started_by: string | null
}

/**
 * Queues every invoice document Salesforce is missing or has out of date under one run, inside the database and a
 * page at a time (the service's enqueueCatchUp): no list of ids goes through the process or the workflow's data,
 * and two catch-ups at once never queue a document twice. Taken back if the request to drain cannot be made.
 */
export const enqueueCatchUpStep = createStep(
  enqueueCatchUpStepId,
  async ({ started_by }: EnqueueCatchUpStepInput, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const queued = await service.enqueueCatchUp(started_by)
    return new StepResponse(queued, queued.run_id)
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    await service.cancelCatchUp(runId)
  }
)
