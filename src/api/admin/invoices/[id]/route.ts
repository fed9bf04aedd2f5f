import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { refetchInvoice } from "../helpers"

export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const invoice = await refetchInvoice(
    req.scope,
    req.params.id,
    req.queryConfig.fields
  )
  res.json({ invoice })
}
