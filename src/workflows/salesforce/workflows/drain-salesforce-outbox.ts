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
import {
  claimOutboxBatchStep,
  commitOutboxBatchStep,
  loadInvoicesToSyncStep,
  readDrainSettingsStep,
  sendOutboxBatchStep,
} from "../steps"

export type DrainSalesforceOutboxWorkflowInput = {
  /** This drain's lease owner id (one per drain loop). */
  owner: string
}

export const drainSalesforceOutboxWorkflowId = "msi-drain-salesforce-outbox"

/** Everything the mapping reads, as query.graph fields (the drain reads them with listSyncableInvoices). */
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
    const { claims, bulkBatchId } = transform({ work }, ({ work }) => ({
      claims: work.claims,
      bulkBatchId: work.bulk?.batch_id ?? null,
    }))
    const invoiceIds = transform({ claims }, ({ claims }) => [
      ...new Set(claims.map((c) => c.invoice_id)),
    ])
    const sent = when(
      { invoiceIds },
      ({ invoiceIds }) => invoiceIds.length > 0
    ).then(() => {
      const invoices = loadInvoicesToSyncStep({ ids: invoiceIds })
      const pushed = sendOutboxBatchStep({
        owner: input.owner,
        claims,
        invoices,
        sync_notes,
        api_budget_percent,
        bulk_batch_id: bulkBatchId,
        attach_pdf,
      })
      commitOutboxBatchStep({
        owner: input.owner,
        claims,
        invoices,
        outcomes: pushed.outcomes,
        halt: pushed.halt,
        customer_links: pushed.customer_links,
        stale_customer_emails: pushed.stale_customer_emails,
        api: pushed.api,
        guarded: pushed.guarded,
      })
      return pushed
    })
    return new WorkflowResponse(
      transform({ claims, sent }, ({ claims, sent }) => ({
        claimed: claims.length,
        halted: sent?.halt?.kind ?? null,
      }))
    )
  }
)
