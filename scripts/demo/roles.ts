/**
 * The demo's roles and a login for each, which `npm run dev` creates with MEDUSA_FF_RBAC on (seed-roles.ts); the
 * HTTP and browser tests use the same.
 */
import type { Permission } from "../../src/utils/permissions"

/**
 * Core reads the admin asks for around the plugin's pages: the user's own profile (Medusa's GET /admin/users/:id
 * policy, user:read, also guards /admin/users/me), the store, and the orders the invoices belong to.
 */
export const DASHBOARD_BASICS = ["user:read", "store:read", "order:read"]

export const DEMO_ROLES = {
  financeViewer: {
    name: "Finance viewer",
    description: "Reads invoices and the Salesforce sync log; changes nothing",
    permissions: [
      "msi_invoice:read",
      "msi_salesforce:read",
      "msi_salesforce:read_sync_log",
    ] satisfies Permission[],
    login: { email: "finance@example.com", password: "finance-demo" },
  },
  syncOperator: {
    name: "Sync operator",
    description: "What a finance viewer may, and syncs invoices to Salesforce",
    permissions: [
      "msi_invoice:read",
      "msi_salesforce:read",
      "msi_salesforce:read_sync_log",
      "msi_salesforce:sync",
    ] satisfies Permission[],
    login: { email: "operator@example.com", password: "operator-demo" },
  },
}

export type DemoRole = keyof typeof DEMO_ROLES
