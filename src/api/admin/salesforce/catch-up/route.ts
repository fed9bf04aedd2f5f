import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { catchUpSalesforceSyncWorkflow } from "../../../../workflows/salesforce"
import { runUnlessNotAllowed } from "../helpers"

/**
 * "Sync missing invoices": finds every invoice Salesforce is missing or has out of date and queues them in one
 * run; answers at once with the run id (its progress: `GET /admin/salesforce/sync-runs/:id`).
 */
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
