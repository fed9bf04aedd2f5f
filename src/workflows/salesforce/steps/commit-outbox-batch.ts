import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type {
  OutboxClaim,
  OutboxCommit,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import { emitSyncEvents } from "../utils/emit-sync-events"
import type { PushHalt, PushResult } from "../utils/send-batch"

export const commitOutboxBatchStepId = "msi-commit-outbox-batch"

export type CommitOutboxBatchStepInput = {
  owner: string
  claims: OutboxClaim[]
  invoices: SyncableInvoice[]
  outcomes: InvoiceSyncOutcome[]
  halt: PushHalt | null
  customer_links?: PushResult["customer_links"]
  stale_customer_emails?: PushResult["stale_customer_emails"]
  api?: OutboxCommit["api"]
  guarded?: boolean
}

/**
 * The single place attempts are logged: commits the batch's attempts, the documents' sync state and the runs'
 * counts in one transaction, for the rows this drain still holds, before the next batch is claimed. Then tells
 * the store which runs finished and whether the connection started failing or syncing paused (alerts).
 */
export const commitOutboxBatchStep = createStep(
  commitOutboxBatchStepId,
  async (
    {
      owner,
      claims,
      invoices,
      outcomes,
      halt,
      customer_links,
      stale_customer_emails,
      api,
      guarded,
    }: CommitOutboxBatchStepInput,
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
    return new StepResponse(committed.ids)
  }
)
