import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

/** Medusa's list parameters with our page size: 20 by default, at most 100. */
export const createAdminListParams = () =>
  createFindParams({ limit: 20, offset: 0 }).merge(
    z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
    })
  )
