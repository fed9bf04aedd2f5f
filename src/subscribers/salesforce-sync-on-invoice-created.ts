import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { SALESFORCE_MODULE } from "../modules/salesforce"
import type SalesforceModuleService from "../modules/salesforce/service"
import { InvoiceEvents } from "../workflows/invoice/events"
import { syncAutomatically } from "../workflows/salesforce/utils/sync-automatically"

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
  await syncAutomatically(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: InvoiceEvents.CREATED,
  context: { subscriberId: "salesforce-sync-on-invoice-created" },
}
