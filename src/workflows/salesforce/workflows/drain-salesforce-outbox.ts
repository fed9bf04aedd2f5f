import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  claimOutboxBatchStep,
  commitOutboxBatchStep,
  readDrainSettingsStep,
  sendOutboxBatchStep,
} from "../steps"

export type DrainSalesforceOutboxWorkflowInput = {
  /** This drain's lease owner id (one per drain loop). */
  owner: string
}

export const drainSalesforceOutboxWorkflowId = "msi-drain-salesforce-outbox"

/**
 * One batch of the outbox: claim it under a lease, send it, commit its results. Many processes may run this at
 * once; drainOutbox (utils/drain-outbox.ts) runs it until nothing is left to claim.
 *
 * The engine copies every step's input from the outputs it names (and a property of an output is one more copy of
 * the whole output), so the steps hand each other whole outputs and little data: the claim, then what the send
 * step sent. The invoices, with their lines, are read inside the send step and never leave it.
 */
export const drainSalesforceOutboxWorkflow = createWorkflow(
  drainSalesforceOutboxWorkflowId,
  (input: DrainSalesforceOutboxWorkflowInput) => {
    const {
      can_send,
      only_retries,
      sync_notes,
      api_budget_percent,
      attach_pdf,
    } = readDrainSettingsStep()
    const work = claimOutboxBatchStep({
      owner: input.owner,
      can_send,
      only_retries,
    })
    const committed = when({ work }, ({ work }) => work.claims.length > 0).then(
      () => {
        const sent = sendOutboxBatchStep({
          owner: input.owner,
          work,
          sync_notes,
          api_budget_percent,
          attach_pdf,
        })
        return commitOutboxBatchStep({ owner: input.owner, work, sent })
      }
    )
    return new WorkflowResponse(
      transform({ work, committed }, ({ work, committed }) => ({
        claimed: work.claims.length,
        halted: committed?.halted ?? null,
      }))
    )
  }
)
