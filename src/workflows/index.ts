// The package's "./workflows" export: every workflow and step, for a store that composes its own (e.g. syncs an
// invoice from its own subscriber with syncInvoicesToSalesforceWorkflow).
export * from "./invoice"
export * from "./salesforce"
