import { model } from "@medusajs/framework/utils"

/**
 * The store's invoice sync configuration (one row) and what the sync learned about the connection. The toggles
 * keep their values while sync is disabled; they simply have no effect then.
 */
const SalesforceSettings = model.define(
  { name: "msi_salesforce_settings", tableName: "msi_salesforce_settings" },
  {
    id: model.text().primaryKey(),
    enabled: model.boolean().default(false),
    automatic_sync: model.boolean().default(false),
    sync_notes: model.boolean().default(false),
    // Each synced document's PDF goes to its Salesforce record as a File (a new version when the PDF changes).
    attach_pdf: model.boolean().default(false),
    // Set when Salesforce refused our credentials: sync stops until a test or a sync succeeds again.
    connection_error: model.text().nullable(),
    connection_checked_at: model.dateTime().nullable(),
    // The daily API budget is spent: no call is made before this time (Salesforce resets the budget in a rolling
    // 24 h window, so we pause for an hour and look again).
    paused_until: model.dateTime().nullable(),
    // Why syncing is paused: "daily_limit" (Salesforce refused a call) or "api_budget" (our own share of the
    // limit is used up), with the sentence shown in the settings, the log and the runs. Kept after the pause ends
    // until a guarded batch goes through, so hitting the same wall again is no new change of state (no new alert).
    pause_kind: model.text().nullable(),
    pause_reason: model.text().nullable(),
    // The share of the org's daily API requests the sync may take (1-100): see api-budget.ts.
    api_budget_percent: model.number().default(50),
    // The org's usage as the last answer to any worker reported it (Sforce-Limit-Info or /limits), and when.
    api_used: model.number().nullable(),
    api_limit: model.number().nullable(),
    api_usage_at: model.dateTime().nullable(),
  }
)

export default SalesforceSettings
