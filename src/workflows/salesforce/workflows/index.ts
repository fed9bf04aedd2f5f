export * from "./catch-up-salesforce-sync"
export * from "./sync-invoices-to-salesforce"
export * from "./update-salesforce-settings"
export * from "./mark-invoice-sync-outdated"
