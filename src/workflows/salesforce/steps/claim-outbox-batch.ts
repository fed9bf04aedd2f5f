import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type {
  OutboxWork,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"

export const claimOutboxBatchStepId = "msi-claim-outbox-batch"

export type ClaimOutboxBatchStepInput = {
  /** This drain's lease owner id. */
  owner: string
  can_send: boolean
  /** Claim only Retry rows (the API budget pauses everything else). */
  only_retries?: boolean
}

/**
 * Claims the next batch under a lease (a REST batch, or a Bulk API 2.0 batch: new, or one whose drain died); given
 * back to the outbox if the drain fails.
 */
export const claimOutboxBatchStep = createStep(
  claimOutboxBatchStepId,
  async (
    { owner, can_send, only_retries }: ClaimOutboxBatchStepInput,
    { container }
  ) => {
    if (!can_send) {
      return new StepResponse({ claims: [], bulk: null } as OutboxWork, null)
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const work = await service.claimOutboxWork(
      owner,
      only_retries ? "retry" : undefined
    )
    return new StepResponse(work, {
      owner,
      ids: work.claims.map((c) => c.id),
    })
  },
  async (claimed, { container }) => {
    if (!claimed?.ids.length) {
      return
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    // Only rows still ours: a committed batch is done and stays so.
    await service.releaseOutboxClaim(claimed.owner, claimed.ids)
  }
)
