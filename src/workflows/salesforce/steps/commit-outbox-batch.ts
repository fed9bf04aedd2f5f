import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type {
  OutboxWork,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import { emitSyncEvents } from "../utils/emit-sync-events"
import type { SentOutboxBatch } from "./send-outbox-batch"

export const commitOutboxBatchStepId = "msi-commit-outbox-batch"

export type CommitOutboxBatchStepInput = {
  owner: string
  work: Pick<OutboxWork, "claims">
  sent: SentOutboxBatch
}

/**
 * The single place attempts are logged: commits the batch's attempts, the documents' sync state and the runs'
 * counts in one transaction, for the rows this drain still holds, before the next batch is claimed. Then tells
 * the store which runs finished and whether the connection started failing or syncing paused (alerts). Answers
 * why the batch stopped the drain, if it did.
 */
export const commitOutboxBatchStep = createStep(
  commitOutboxBatchStepId,
  async (
    {
      owner,
      work: { claims },
      sent: {
        documents,
        outcomes,
        halt,
        customer_links,
        stale_customer_emails,
        api,
        guarded,
      },
    }: CommitOutboxBatchStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const committed = await service.commitOutbox({
      owner,
      claims,
      documents,
      outcomes,
      halt,
      customer_links,
      stale_customer_emails,
      api,
      guarded,
    })
    if (committed.changes.paused) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `[salesforce] syncing paused until ${committed.changes.paused.until}: ${committed.changes.paused.reason}`
        )
    }
    // After the commit: the runs it finished and what changed about the connection, for the alerts.
    await emitSyncEvents(container, committed)
    return new StepResponse({ halted: halt?.kind ?? null })
  }
)
