import { z } from "@medusajs/framework/zod"
import { INVOICE_TYPES } from "../../../modules/invoice/models/invoice"
import { MAX_RECONCILIATION_DAYS } from "../../../modules/salesforce/reconciliation"
import {
  SYNC_ATTEMPT_STATUSES,
  SYNC_TRIGGERS,
} from "../../../modules/salesforce/models/sync-attempt"
import {
  createAdminListParams,
  createDateRangeParam,
  createIdParam,
} from "../../utils/validators"

export const AdminUpdateSalesforceSettings = z
  .object({
    enabled: z.boolean().optional(),
    automatic_sync: z.boolean().optional(),
    sync_notes: z.boolean().optional(),
    api_budget_percent: z
      .number({
        error: "api_budget_percent must be a whole number from 1 to 100",
      })
      .int("api_budget_percent must be a whole number from 1 to 100")
      .min(1, "api_budget_percent must be at least 1")
      .max(100, "api_budget_percent must be at most 100")
      .optional(),
    attach_pdf: z.boolean().optional(),
  })
  .strict()
export type AdminUpdateSalesforceSettingsType = z.infer<
  typeof AdminUpdateSalesforceSettings
>

export const AdminSyncInvoice = z
  .object({
    // What the admin clicked (Retry in the log, Sync elsewhere). Whether the sync is a Retry past the API budget
    // is the server's to decide (singleSyncTrigger): the value is checked, never trusted.
    trigger: z.enum(["manual", "retry"]).optional(),
  })
  .strict()
export type AdminSyncInvoiceType = z.infer<typeof AdminSyncInvoice>

export const AdminSyncInvoices = z
  .object({
    invoice_ids: z.array(z.string().trim().min(1)).min(1).max(500),
  })
  .strict()
export type AdminSyncInvoicesType = z.infer<typeof AdminSyncInvoices>

export const AdminSyncOrders = z
  .object({
    order_numbers: z
      .array(z.string().trim().min(1, "an order number cannot be empty"))
      .min(1, "enter at least one order number")
      .max(100, "at most 100 order numbers at a time"),
  })
  .strict()
export type AdminSyncOrdersType = z.infer<typeof AdminSyncOrders>

export const AdminGetSyncLogParams = createAdminListParams().merge(
  z.object({
    q: z.string().trim().max(200).optional(),
    status: z.enum(SYNC_ATTEMPT_STATUSES).optional(),
    type: z.enum(INVOICE_TYPES).optional(),
    trigger: z.enum(SYNC_TRIGGERS).optional(),
    run_id: createIdParam("run_id").optional(),
    invoice_id: createIdParam("invoice_id").optional(),
    created_at: createDateRangeParam("created_at"),
    all_attempts: z
      .preprocess(
        (v) => (v === "true" ? true : v === "false" ? false : v),
        z.boolean()
      )
      .default(false),
  })
)
export type AdminGetSyncLogParamsType = z.infer<typeof AdminGetSyncLogParams>

export const AdminGetSyncRunsParams = createAdminListParams().merge(
  z.object({
    trigger: z.enum(SYNC_TRIGGERS).optional(),
  })
)
export type AdminGetSyncRunsParamsType = z.infer<typeof AdminGetSyncRunsParams>

export const AdminExportSyncLogParams = z
  .object({
    run_id: createIdParam("run_id").optional(),
    reason: z
      .string()
      .max(10_000, "reason must be at most 10000 characters")
      .optional(),
  })
  .strict()
export type AdminExportSyncLogParamsType = z.infer<
  typeof AdminExportSyncLogParams
>

/** Routes that take no query parameter: any one given is a 400 naming it. */
export const AdminNoParams = z.object({}).strict()

/** Test connection takes no body: any field given is a 400 naming it. */
export const AdminTestConnection = z.object({}).strict()
export type AdminTestConnectionType = z.infer<typeof AdminTestConnection>

/** Sync missing invoices takes no body: it finds the documents itself. */
export const AdminCatchUp = z.object({}).strict()
export type AdminCatchUpType = z.infer<typeof AdminCatchUp>

/** A YYYY-MM-DD that names a real day (Date.parse would read 2026-02-30 as March 2nd). */
const isCalendarDay = (v: string) => {
  const t = Date.parse(`${v}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v
}

const isoDay = (field: string) =>
  z
    .string({ error: `${field} is required (YYYY-MM-DD)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date as YYYY-MM-DD`)
    .refine(
      // Refinements run after a failed regex too: only a well-formed value is checked here.
      (v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isCalendarDay(v),
      `${field} is not a calendar date`
    )

export const AdminGetReconciliationParams = z
  .object({ from: isoDay("from"), to: isoDay("to") })
  .strict()
  .superRefine(({ from, to }, ctx) => {
    if (!isCalendarDay(from) || !isCalendarDay(to)) {
      return
    }
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
    if (days < 1) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "to must not be before from",
      })
    } else if (days > MAX_RECONCILIATION_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `to may be at most ${MAX_RECONCILIATION_DAYS} days after from (asked for ${days} days)`,
      })
    }
  })
export type AdminGetReconciliationParamsType = z.infer<
  typeof AdminGetReconciliationParams
>
