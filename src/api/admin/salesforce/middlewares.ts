import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { validateIdParam } from "../../utils/validate-id-param"
import { requireSyncEnabled } from "./helpers"
import {
  AdminCatchUp,
  AdminExportSyncLogParams,
  AdminGetReconciliationParams,
  AdminGetSyncLogParams,
  AdminGetSyncRunsParams,
  AdminNoParams,
  AdminSyncInvoice,
  AdminSyncInvoices,
  AdminSyncOrders,
  AdminTestConnection,
  AdminUpdateSalesforceSettings,
} from "./validators"

const noQuery = validateAndTransformQuery(AdminNoParams, {
  defaults: [],
  isList: false,
})

export const adminSalesforceRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/salesforce/settings",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/salesforce/connection",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/salesforce/reconciliation",
    middlewares: [
      validateAndTransformQuery(AdminGetReconciliationParams, {
        defaults: [],
        isList: false,
      }),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/salesforce/settings",
    middlewares: [validateAndTransformBody(AdminUpdateSalesforceSettings)],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/salesforce-sync",
    middlewares: [
      validateAndTransformBody(AdminSyncInvoices),
      requireSyncEnabled,
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/salesforce-sync",
    middlewares: [
      validateAndTransformBody(AdminSyncInvoice),
      requireSyncEnabled,
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/salesforce/sync-orders",
    middlewares: [
      validateAndTransformBody(AdminSyncOrders),
      requireSyncEnabled,
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/salesforce/catch-up",
    middlewares: [validateAndTransformBody(AdminCatchUp), requireSyncEnabled],
  },
  {
    method: ["POST"],
    matcher: "/admin/salesforce/connection/test",
    middlewares: [validateAndTransformBody(AdminTestConnection)],
  },
  {
    method: ["GET"],
    matcher: "/admin/salesforce/sync-health",
    middlewares: [noQuery],
  },
  {
    method: ["GET"],
    // Not sync-log/export, which has its own query.
    matcher: /^\/admin\/salesforce\/sync-log\/(?<id>(?!export\/?$)[^/]+)\/?$/,
    middlewares: [validateIdParam, noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/salesforce/sync-log",
    middlewares: [
      validateAndTransformQuery(AdminGetSyncLogParams, {
        defaults: [],
        isList: true,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/salesforce/sync-log/export",
    middlewares: [
      validateAndTransformQuery(AdminExportSyncLogParams, {
        defaults: [],
        isList: false,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/salesforce/sync-runs",
    middlewares: [
      validateAndTransformQuery(AdminGetSyncRunsParams, {
        defaults: [],
        isList: true,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/salesforce/sync-runs/:id",
    middlewares: [validateIdParam, noQuery],
  },
  {
    method: ["GET"],
    matcher: "/admin/invoices/:id/salesforce-preview",
    middlewares: [noQuery],
  },
]
