import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type {
  OutboxCommit,
  OutboxCommitResult,
  OutboxWork,
  default as SalesforceModuleService,
} from "../../../modules/salesforce/service"
import { emitSyncEvents } from "../utils/emit-sync-events"
import {
  failureReason,
  isTransientFailure,
  mustSetAside,
  setAsideOutcome,
} from "../utils/outbox-failures"
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
 * why the batch stopped the drain, if it did. A commit that fails for a reason that is not transient is done again
 * document by document (commitOneByOne), so one document the database refuses does not hold back the others.
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
    const batch: OutboxCommit = {
      owner,
      claims,
      documents,
      outcomes,
      halt,
      customer_links,
      stale_customer_emails,
      api,
      guarded,
    }
    const committed = await service
      .commitOutbox(batch)
      .catch((error) =>
        isTransientFailure(error)
          ? Promise.reject(
              new Error(
                `[salesforce] recording a batch failed: ${failureReason(error)}`
              )
            )
          : commitOneByOne(service, batch, error, (reason) =>
              container
                .resolve(ContainerRegistrationKeys.LOGGER)
                .warn(
                  `[salesforce] recording a batch of ${claims.length} failed (${reason}): recording its documents one by one`
                )
            )
      )
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

/**
 * When a batch's commit fails for a reason that is not transient, one of its documents is usually the cause (a
 * value the database refuses): the batch is recorded again document by document, each in its own transaction, so
 * its batch-mates are recorded, and only the documents whose own commit fails go back to the outbox with the
 * failure counted (utils/outbox-failures.ts). What the batch learned of Salesforce (API use, customers, a halt) is
 * recorded once, first. A document already at its last try is recorded as set aside instead, and if even that
 * cannot be recorded, its row is closed without an attempt: it must not come back for ever.
 */
async function commitOneByOne(
  service: SalesforceModuleService,
  batch: OutboxCommit,
  error: unknown,
  warn: (reason: string) => void
): Promise<OutboxCommitResult> {
  // Why the batch as a whole failed, without its data: for whoever reads the worker's log.
  warn(failureReason(error))
  const shared = await service.commitOutbox({ ...batch, claims: [] })
  const result: OutboxCommitResult = { ...shared, ids: [] }
  const finished = new Set(shared.finished_runs)
  const record = (
    claim: OutboxCommit["claims"][number],
    outcome: OutboxCommit["outcomes"][number]
  ) =>
    service.commitOutbox({
      owner: batch.owner,
      claims: [claim],
      documents: batch.documents.filter((d) => d.id === claim.invoice_id),
      outcomes: [outcome],
      halt: null,
    })
  for (const claim of batch.claims) {
    const outcome = batch.outcomes.find(
      (o) => o.invoice_id === claim.invoice_id
    )
    if (!outcome) continue
    let one: OutboxCommitResult
    try {
      one = await record(claim, outcome)
    } catch (error) {
      const reason = failureReason(error)
      const tried = {
        ...claim,
        failures: claim.failures + 1,
        last_error: reason,
      }
      if (!mustSetAside(tried)) {
        await service.noteOutboxFailure(batch.owner, [claim.id], reason)
        continue
      }
      one = await record(claim, setAsideOutcome(tried)).catch(async () => {
        await service.discardOutboxRows(batch.owner, [claim.id])
        return { ids: [], finished_runs: [], changes: shared.changes }
      })
    }
    result.ids.push(...one.ids)
    for (const run of one.finished_runs) finished.add(run)
  }
  result.finished_runs = [...finished]
  return result
}
