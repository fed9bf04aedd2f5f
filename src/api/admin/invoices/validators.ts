import { z } from "@medusajs/framework/zod"
import { E_INVOICE_FORMATS } from "../../../modules/invoice/e-invoice/e-invoice-document"
import { INVOICE_TYPES } from "../../../modules/invoice/models/invoice"
import { INVOICE_SYNC_STATUSES } from "../../../modules/salesforce/models/invoice-sync"
import {
  createAdminListParams,
  createDateRangeParam,
  createIdParam,
  createOrderParam,
} from "../../utils/validators"

/** The detail answers a fixed set of fields (see query-config.ts): no parameter. */
export const AdminGetInvoiceParams = z.object({})
export type AdminGetInvoiceParamsType = z.infer<typeof AdminGetInvoiceParams>

/** The columns the invoice grid sorts by. */
const INVOICE_SORT_FIELDS = [
  "created_at",
  "issued_at",
  "number",
  "sequence",
  "total",
  "order_display_id",
  "customer_name",
  "type",
] as const

export const AdminGetInvoicesParams = createAdminListParams().merge(
  z.object({
    order: createOrderParam(INVOICE_SORT_FIELDS),
    q: z.string().trim().max(200).optional(),
    type: z.enum(INVOICE_TYPES).optional(),
    order_id: z
      .union([
        createIdParam("order_id"),
        z.array(createIdParam("order_id")).max(100, "at most 100 order_id"),
      ])
      .optional(),
    created_at: createDateRangeParam("created_at"),
    sync_status: z.enum(["not_synced", ...INVOICE_SYNC_STATUSES]).optional(),
  })
)
export type AdminGetInvoicesParamsType = z.infer<typeof AdminGetInvoicesParams>

export const AdminCreateInvoice = z
  .object({
    order_id: z.string().trim().min(1),
  })
  .strict()
export type AdminCreateInvoiceType = z.infer<typeof AdminCreateInvoice>

export const AdminCreateInvoiceComment = z
  .object({
    text: z.string().trim().min(1).max(4000),
  })
  .strict()
export type AdminCreateInvoiceCommentType = z.infer<
  typeof AdminCreateInvoiceComment
>

/** `GET /admin/invoices/:id/e-invoice`: without `format`, what each format lacks; with it, the e-invoice. */
export const AdminGetEInvoiceParams = z
  .object({
    format: z.enum(E_INVOICE_FORMATS).optional(),
  })
  .strict()
export type AdminGetEInvoiceParamsType = z.infer<typeof AdminGetEInvoiceParams>
