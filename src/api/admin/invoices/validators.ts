import { z } from "@medusajs/framework/zod"
import {
  createOperatorMap,
  createSelectParams,
} from "@medusajs/medusa/api/utils/validators"
import { INVOICE_TYPES } from "../../../modules/invoice/models/invoice"
import { INVOICE_SYNC_STATUSES } from "../../../modules/salesforce/models/invoice-sync"
import { createAdminListParams } from "../../utils/validators"

export const AdminGetInvoiceParams = createSelectParams()
export type AdminGetInvoiceParamsType = z.infer<typeof AdminGetInvoiceParams>

export const AdminGetInvoicesParams = createAdminListParams().merge(
  z.object({
    q: z.string().trim().max(200).optional(),
    type: z.enum(INVOICE_TYPES).optional(),
    order_id: z.union([z.string(), z.array(z.string())]).optional(),
    created_at: createOperatorMap().optional(),
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
