/**
 * The tables the set-based reads below join across the invoice and Salesforce modules. Medusa keeps every module
 * in one database by default; the modules' own code never joins them, only these admin and catch-up reads, which
 * must not load every id of one module to filter the other.
 */
export const TABLES = {
  invoice: "msi_invoice",
  invoiceSync: "msi_invoice_sync",
  syncOutbox: "msi_sync_outbox",
}
