import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"
import { InvoiceEvents } from "../workflows/invoice/events"
import { syncInvoicesToSalesforceWorkflow } from "../workflows/salesforce"

/** Automatic sync: a new invoice or credit note goes to Salesforce when sync and automatic sync are both on. */
export default async function salesforceSyncOnInvoiceCreated({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  const settings = await salesforce.getSettings()
  if (!settings.enabled || !settings.automatic_sync) {
    return
  }
  // Failures are recorded in the sync log by the workflow; the catch-up job picks them up later.
  await syncInvoicesToSalesforceWorkflow(container).run({
    input: {
      invoice_ids: [event.data.id],
      trigger: "automatic",
      started_by: null,
    },
  })
}

export const config: SubscriberConfig = {
  event: InvoiceEvents.CREATED,
  context: { subscriberId: "salesforce-sync-on-invoice-created" },
}
