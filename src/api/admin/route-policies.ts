import type { MiddlewareVerb } from "@medusajs/framework/http"
import type { Permission } from "../../utils/permissions"
import { requirePermission } from "../utils/rbac"

/**
 * Every admin route of the plugin and the permission it needs (GET /admin/salesforce/permissions needs none: it
 * is the answer to what the user may do). A unit test fails when a route.ts handler has no line here.
 */
export const ROUTE_PERMISSIONS: [MiddlewareVerb, string, Permission][] = [
  ["GET", "/admin/invoices", "msi_invoice:read"],
  ["POST", "/admin/invoices", "msi_invoice:create"],
  ["GET", "/admin/invoices/:id", "msi_invoice:read"],
  ["GET", "/admin/invoices/:id/pdf", "msi_invoice:read"],
  ["GET", "/admin/invoices/:id/e-invoice", "msi_invoice:read"],
  ["POST", "/admin/invoices/:id/comments", "msi_invoice:create"],
  [
    "GET",
    "/admin/invoices/:id/salesforce-preview",
    "msi_salesforce:read_sync_log",
  ],
  ["POST", "/admin/invoices/:id/salesforce-sync", "msi_salesforce:sync"],
  ["POST", "/admin/invoices/salesforce-sync", "msi_salesforce:sync"],
  ["POST", "/admin/salesforce/sync-orders", "msi_salesforce:sync"],
  ["POST", "/admin/salesforce/catch-up", "msi_salesforce:sync"],
  ["GET", "/admin/salesforce/settings", "msi_salesforce:read"],
  ["POST", "/admin/salesforce/settings", "msi_salesforce:configure"],
  ["GET", "/admin/salesforce/connection", "msi_salesforce:read"],
  ["POST", "/admin/salesforce/connection/test", "msi_salesforce:configure"],
  ["GET", "/admin/salesforce/sync-health", "msi_salesforce:read_sync_log"],
  ["GET", "/admin/salesforce/sync-log", "msi_salesforce:read_sync_log"],
  // Express matches /sync-log/export with /sync-log/:id too, so the export also needs the log: it is the log's data.
  ["GET", "/admin/salesforce/sync-log/:id", "msi_salesforce:read_sync_log"],
  ["GET", "/admin/salesforce/sync-log/export", "msi_salesforce:export"],
  ["GET", "/admin/salesforce/sync-runs", "msi_salesforce:read_sync_log"],
  ["GET", "/admin/salesforce/sync-runs/:id", "msi_salesforce:read_sync_log"],
  ["GET", "/admin/salesforce/reconciliation", "msi_salesforce:read_sync_log"],
]

/** The table as middleware routes, listed before the validators so a refused user gets 403, not 400. */
export const adminRoutePolicies = ROUTE_PERMISSIONS.map(
  ([method, matcher, permission]) =>
    requirePermission(method, matcher, permission)
)
