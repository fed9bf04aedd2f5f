import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { catchUpSalesforceSyncWorkflow } from "../../../../workflows/salesforce"

/** "Sync missing invoices": finds and sends every invoice Salesforce is missing or has out of date. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  try {
    const { result } = await catchUpSalesforceSyncWorkflow(req.scope).run({
      input: { started_by: req.auth_context.actor_id },
    })
    res.json(result)
  } catch (error) {
    if (
      MedusaError.isMedusaError(error) &&
      error.type === MedusaError.Types.NOT_ALLOWED
    ) {
      res.status(409).json({ type: "not_allowed", message: error.message })
      return
    }
    throw error
  }
}
