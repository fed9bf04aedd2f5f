import { z } from "@medusajs/framework/zod"
import {
  createFindParams,
  createOperatorMap,
  createSelectParams,
} from "@medusajs/medusa/api/utils/validators"

export const AdminGetInvoiceParams = createSelectParams()
export type AdminGetInvoiceParamsType = z.infer<typeof AdminGetInvoiceParams>

export const AdminGetInvoicesParams = createFindParams({
  limit: 20,
  offset: 0,
}).merge(
  z.object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    q: z.string().trim().max(200).optional(),
    type: z.enum(["invoice", "credit_note"]).optional(),
    order_id: z.union([z.string(), z.array(z.string())]).optional(),
    created_at: createOperatorMap().optional(),
    sync_status: z
      .enum(["not_synced", "synced", "failed", "outdated"])
      .optional(),
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
