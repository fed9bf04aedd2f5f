import { defineLink } from "@medusajs/framework/utils"
import InvoiceModule from "../modules/invoice"
import SalesforceModule from "../modules/salesforce"

// invoice -> its sync state, read-only over invoice_sync.invoice_id: the sync module owns that row.
export default defineLink(
  { linkable: InvoiceModule.linkable.invoice, field: "id" },
  { ...SalesforceModule.linkable.invoiceSync.id, primaryKey: "invoice_id" },
  { readOnly: true }
)
