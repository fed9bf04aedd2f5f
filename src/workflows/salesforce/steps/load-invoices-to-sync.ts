import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"

export const loadInvoicesToSyncStepId = "msi-load-invoices-to-sync"

/**
 * The claimed documents with everything the mapping reads, in one query for the batch (the invoice module's
 * listSyncableInvoices). Reads only: nothing to compensate.
 */
export const loadInvoicesToSyncStep = createStep(
  loadInvoicesToSyncStepId,
  async ({ ids }: { ids: string[] }, { container }) => {
    const invoices: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    const rows: SyncableInvoice[] = await invoices.listSyncableInvoices(ids)
    return new StepResponse(rows)
  }
)
