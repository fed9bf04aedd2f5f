import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type {
  OutboxClaim,
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

/** Claims the next batch of pending documents under a lease; given back to the outbox if the drain fails. */
export const claimOutboxBatchStep = createStep(
  claimOutboxBatchStepId,
  async (
    { owner, can_send, only_retries }: ClaimOutboxBatchStepInput,
    { container }
  ) => {
    if (!can_send) {
      return new StepResponse([] as OutboxClaim[], null)
    }
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const claims = await service.claimOutbox(
      owner,
      service.options.batchSize,
      only_retries ? "retry" : undefined
    )
    return new StepResponse(claims, {
      owner,
      ids: claims.map((c) => c.id),
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
