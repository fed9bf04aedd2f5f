import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  INVOICE_COMMENT_FIELDS,
  INVOICE_FIELDS,
  INVOICE_LINE_FIELDS,
} from "../../invoice/utils/invoice-fields"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import type { SyncTrigger } from "../../../modules/salesforce/types"
import {
  createSyncRunStep,
  emitSyncEventsStep,
  ensureSyncAllowedStep,
  pushInvoicesToSalesforceStep,
  recordSyncResultsStep,
} from "../steps"

export type SyncInvoicesToSalesforceWorkflowInput = {
  invoice_ids: string[]
  trigger: SyncTrigger
  /** The admin user who asked, when one did. */
  started_by?: string | null
}

export const syncInvoicesToSalesforceWorkflowId = "sync-invoices-to-salesforce"

/** Everything the mapping reads. */
export const SYNC_INVOICE_FIELDS = [
  ...INVOICE_FIELDS,
  ...INVOICE_LINE_FIELDS,
  ...INVOICE_COMMENT_FIELDS,
]

/**
 * Sends invoices and credit notes to Salesforce and records every attempt under one run. A credit note's
 * original invoice is sent along when Salesforce does not have it yet, since the credit note points at it.
 */
export const syncInvoicesToSalesforceWorkflow = createWorkflow(
  syncInvoicesToSalesforceWorkflowId,
  (input: SyncInvoicesToSalesforceWorkflowInput) => {
    const { sync_notes } = ensureSyncAllowedStep()

    const { data: requested } = useQueryGraphStep({
      entity: "invoice",
      fields: ["id", "original_invoice_id"],
      filters: { id: input.invoice_ids },
    }).config({ name: "find-requested-invoices" })
    const originalIds = transform({ requested }, ({ requested }) => [
      ...new Set(
        requested
          .map(
            (i: { original_invoice_id: string | null }) => i.original_invoice_id
          )
          .filter((id): id is string => !!id)
      ),
    ])
    const { data: syncedOriginals } = useQueryGraphStep({
      entity: "invoice_sync",
      fields: ["invoice_id"],
      filters: { invoice_id: originalIds, status: "synced" },
    }).config({ name: "find-synced-originals" })
    const ids = transform(
      { requested, originalIds, syncedOriginals },
      ({ requested, originalIds, syncedOriginals }) => {
        const synced = new Set(
          syncedOriginals.map((s: { invoice_id: string }) => s.invoice_id)
        )
        const missing = originalIds.filter((id) => !synced.has(id))
        return [
          ...new Set([
            ...missing,
            ...requested.map((i: { id: string }) => i.id),
          ]),
        ]
      }
    )
    const { data: invoices } = useQueryGraphStep({
      entity: "invoice",
      fields: SYNC_INVOICE_FIELDS,
      filters: { id: ids },
    }).config({ name: "load-invoices-to-sync" })

    const runId = createSyncRunStep({
      trigger: input.trigger,
      started_by: input.started_by,
    })
    const documents = transform(
      { invoices },
      ({ invoices }) => invoices as unknown as SyncableInvoice[]
    )
    const pushed = pushInvoicesToSalesforceStep({
      invoices: documents,
      sync_notes,
    })
    const changes = recordSyncResultsStep({
      run_id: runId,
      trigger: input.trigger,
      started_by: input.started_by,
      invoices: documents,
      outcomes: pushed.outcomes,
      halt: pushed.halt,
    })
    emitSyncEventsStep({ run_id: runId, changes })
    return new WorkflowResponse({ run_id: runId, outcomes: pushed.outcomes })
  }
)
