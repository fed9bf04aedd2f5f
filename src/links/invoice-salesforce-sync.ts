import { defineLink } from "@medusajs/framework/utils"
import InvoiceModule from "../modules/invoice"
import SalesforceModule from "../modules/salesforce"

// invoice.msi_invoice_sync: its sync state, read-only over msi_invoice_sync.invoice_id (the sync module owns
// that row). Prefixed like our entities (prefixedJoinerConfig) so no other plugin's link can take the name.
export default defineLink(
  { linkable: InvoiceModule.linkable.msiInvoice, field: "id" },
  {
    ...SalesforceModule.linkable.msiInvoiceSync.id,
    primaryKey: "invoice_id",
  },
  { readOnly: true }
)
