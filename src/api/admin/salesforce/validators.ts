import { z } from "@medusajs/framework/zod"
import {
  createFindParams,
  createOperatorMap,
} from "@medusajs/medusa/api/utils/validators"

export const AdminUpdateSalesforceSettings = z
  .object({
    enabled: z.boolean().optional(),
    automatic_sync: z.boolean().optional(),
    sync_notes: z.boolean().optional(),
  })
  .strict()
export type AdminUpdateSalesforceSettingsType = z.infer<
  typeof AdminUpdateSalesforceSettings
>

export const AdminSyncInvoice = z
  .object({
    trigger: z.enum(["manual", "retry"]).default("manual"),
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

export const AdminGetSyncLogParams = createFindParams({
  limit: 20,
  offset: 0,
}).merge(
  z.object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    q: z.string().trim().max(200).optional(),
    status: z.enum(["synced", "failed"]).optional(),
    type: z.enum(["invoice", "credit_note"]).optional(),
    trigger: z
      .enum([
        "automatic",
        "manual",
        "bulk",
        "order_numbers",
        "retry",
        "catch_up",
      ])
      .optional(),
    run_id: z.string().optional(),
    invoice_id: z.string().optional(),
    created_at: createOperatorMap().optional(),
    all_attempts: z
      .preprocess(
        (v) => (v === "true" ? true : v === "false" ? false : v),
        z.boolean()
      )
      .default(false),
  })
)
export type AdminGetSyncLogParamsType = z.infer<typeof AdminGetSyncLogParams>

export const AdminGetSyncRunsParams = createFindParams({
  limit: 20,
  offset: 0,
}).merge(
  z.object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    trigger: z
      .enum([
        "automatic",
        "manual",
        "bulk",
        "order_numbers",
        "retry",
        "catch_up",
      ])
      .optional(),
  })
)
export type AdminGetSyncRunsParamsType = z.infer<typeof AdminGetSyncRunsParams>

export const AdminExportSyncLogParams = z
  .object({
    run_id: z.string().optional(),
    reason: z.string().optional(),
  })
  .strict()
export type AdminExportSyncLogParamsType = z.infer<
  typeof AdminExportSyncLogParams
>
