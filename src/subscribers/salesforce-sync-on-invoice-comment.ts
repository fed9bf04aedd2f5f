import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"
import { InvoiceEvents } from "../workflows/invoice/events"
import { markInvoiceSyncOutdatedWorkflow } from "../workflows/salesforce"
import { syncAutomatically } from "../workflows/salesforce/utils/sync-automatically"

/**
 * With notes sync on, a new comment changes what Salesforce should hold: send it now under automatic sync,
 * otherwise mark the invoice out of date for a manual sync or the catch-up.
 */
export default async function salesforceSyncOnInvoiceComment({
  event,
  container,
}: SubscriberArgs<{ id: string; invoice_id: string }>) {
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  const settings = await salesforce.getSettings()
  if (!settings.enabled || !settings.sync_notes) {
    return
  }
  if (settings.automatic_sync) {
    await syncAutomatically(container, event.data.invoice_id)
  } else {
    await markInvoiceSyncOutdatedWorkflow(container).run({
      input: { invoice_id: event.data.invoice_id },
    })
  }
}

export const config: SubscriberConfig = {
  event: InvoiceEvents.COMMENT_CREATED,
  context: { subscriberId: "salesforce-sync-on-invoice-comment" },
}
