import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import type {
  OutboxClaim,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import type { PushHalt } from "../utils/send-batch"

export const commitOutboxBatchStepId = "msi-commit-outbox-batch"

export type CommitOutboxBatchStepInput = {
  owner: string
  claims: OutboxClaim[]
  invoices: SyncableInvoice[]
  outcomes: InvoiceSyncOutcome[]
  halt: PushHalt | null
}

/**
 * The single place attempts are logged: commits the batch's attempts, the documents' sync state and the runs'
 * counts in one transaction, for the rows this drain still holds, before the next batch is claimed.
 */
export const commitOutboxBatchStep = createStep(
  commitOutboxBatchStepId,
  async (
    { owner, claims, invoices, outcomes, halt }: CommitOutboxBatchStepInput,
    { container }
  ) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const committed = await service.commitOutbox({
      owner,
      claims,
      documents: invoices.map((i) => ({
        id: i.id,
        number: i.number,
        order_id: i.order_id,
        order_display_id: i.order_display_id,
        type: i.type,
        total: Number(i.total),
        currency_code: i.currency_code,
      })),
      outcomes,
      halt,
    })
    return new StepResponse(committed)
  }
)
