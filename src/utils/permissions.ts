/**
 * What the plugin lets an admin do, one entry per RBAC policy (`resource:operation`). The server declares these
 * (src/policies), requires them on its routes (src/api/admin/route-policies.ts) and tells the admin which the user
 * holds (GET /admin/salesforce/permissions); the admin imports the type only. No imports here, so both sides can.
 */
export const PERMISSIONS = {
  "msi_invoice:read": {
    name: "ReadMsiInvoices",
    description: "See invoices and credit notes and download their PDFs",
  },
  "msi_invoice:create": {
    name: "IssueMsiInvoices",
    description: "Issue an order's invoice and comment on invoices",
  },
  "msi_salesforce:read": {
    name: "ReadMsiSalesforceSettings",
    description:
      "See whether invoice sync to Salesforce is on or paused, and the connection (never its credentials)",
  },
  "msi_salesforce:read_sync_log": {
    name: "ReadMsiSalesforceSyncLog",
    description:
      "See the sync log, each attempt's detail, the runs, sync health, reconciliation and what a sync would send",
  },
  "msi_salesforce:sync": {
    name: "SyncMsiInvoicesToSalesforce",
    description:
      "Sync and retry invoices, sync orders by number and sync missing invoices",
  },
  "msi_salesforce:configure": {
    name: "ConfigureMsiSalesforce",
    description:
      "Change the Salesforce settings (sync on or off, automatic sync, notes, PDFs, API budget) and test the connection",
  },
  "msi_salesforce:export": {
    name: "ExportMsiSalesforceSyncLog",
    description: "Download the sync log's failed records as CSV",
  },
} as const

export type Permission = keyof typeof PERMISSIONS

/** Each permission and whether the user holds it. */
export type PermissionsResponse = {
  /** False when the store runs without RBAC (MEDUSA_FF_RBAC): every admin may then do everything. */
  rbac: boolean
  permissions: Record<Permission, boolean>
}

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[]

export function policyOf(permission: Permission) {
  const [resource, operation] = permission.split(":")
  return { resource, operation }
}
