import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  INVOICE_COMMENT_FIELDS,
  INVOICE_FIELDS,
  INVOICE_LINE_FIELDS,
} from "../../invoice/utils/invoice-fields"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
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

/** Everything the mapping reads. */
export const SYNC_INVOICE_FIELDS = [
  ...INVOICE_FIELDS,
  ...INVOICE_LINE_FIELDS,
  ...INVOICE_COMMENT_FIELDS,
]

/**
 * One batch of the outbox: claim it under a lease, send it, commit its results. Many processes may run this at
 * once; drainOutbox (utils/drain-outbox.ts) runs it until nothing is left to claim.
 */
export const drainSalesforceOutboxWorkflow = createWorkflow(
  drainSalesforceOutboxWorkflowId,
  (input: DrainSalesforceOutboxWorkflowInput) => {
    const { can_send, sync_notes } = readDrainSettingsStep()
    const claims = claimOutboxBatchStep({ owner: input.owner, can_send })
    const invoiceIds = transform({ claims }, ({ claims }) => [
      ...new Set(claims.map((c) => c.invoice_id)),
    ])
    const sent = when(
      { invoiceIds },
      ({ invoiceIds }) => invoiceIds.length > 0
    ).then(() => {
      const { data } = useQueryGraphStep({
        entity: "invoice",
        fields: SYNC_INVOICE_FIELDS,
        filters: { id: invoiceIds },
      }).config({ name: "load-invoices-to-sync" })
      const invoices = transform(
        { data },
        // The graph's generated type describes amounts loosely (BigNumber values the mapping accepts).
        ({ data }) => data as unknown as SyncableInvoice[]
      )
      const pushed = sendOutboxBatchStep({
        owner: input.owner,
        claims,
        invoices,
        sync_notes,
      })
      commitOutboxBatchStep({
        owner: input.owner,
        claims,
        invoices,
        outcomes: pushed.outcomes,
        halt: pushed.halt,
      })
      return pushed
    })
    return new WorkflowResponse(
      transform({ claims, sent }, ({ claims, sent }) => ({
        claimed: claims.length,
        halted: !!sent?.halt,
      }))
    )
  }
)
