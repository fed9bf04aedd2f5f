import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"

export const findInvoicesToCatchUpStepId = "msi-find-invoices-to-catch-up"

/**
 * Every invoice document that should be in Salesforce and is not as it is now: never sent, failed, or changed
 * since (outdated), and not already waiting in the outbox. Oldest first, so credit notes follow their invoices.
 */
export const findInvoicesToCatchUpStep = createStep(
  findInvoicesToCatchUpStepId,
  async (_: void, { container }) => {
    const invoices: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    const salesforce: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    const synced = await salesforce.listInvoiceSyncs(
      { status: "synced" },
      { select: ["invoice_id"] }
    )
    // Documents already waiting in the outbox are on their way: not queued twice.
    const waiting = await salesforce.listSyncOutboxEntries(
      { status: ["pending", "claimed"] },
      { select: ["invoice_id"] }
    )
    const done = new Set([
      ...synced.map((s) => s.invoice_id),
      ...waiting.map((w) => w.invoice_id),
    ])
    const all = await invoices.listInvoices(
      {},
      { select: ["id"], order: { sequence: "ASC" } }
    )
    return new StepResponse(all.map((i) => i.id).filter((id) => !done.has(id)))
  }
)
