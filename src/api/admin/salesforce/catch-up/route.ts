import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { catchUpSalesforceSyncWorkflow } from "../../../../workflows/salesforce"
import { runUnlessNotAllowed } from "../helpers"

/** "Sync missing invoices": finds and sends every invoice Salesforce is missing or has out of date. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const result = await runUnlessNotAllowed(res, async () => {
    const { result } = await catchUpSalesforceSyncWorkflow(req.scope).run({
      input: { started_by: req.auth_context.actor_id },
    })
    return result
  })
  if (result) {
    res.json(result)
  }
}
