import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  assertInvoicesExist,
  runSync,
  toSyncResult,
} from "../../salesforce/helpers"
import type { AdminSyncInvoicesType } from "../../salesforce/validators"

/** The bulk action: sends the selected invoices in one run and answers each one's result. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSyncInvoicesType>,
  res: MedusaResponse
) => {
  const ids = [...new Set(req.validatedBody.invoice_ids)]
  const numbers = await assertInvoicesExist(req.scope, ids)
  const result = await runSync(req, res, {
    invoice_ids: ids,
    trigger: "bulk",
    started_by: req.auth_context.actor_id,
  })
  if (!result) return
  const byId = new Map(result.outcomes.map((o) => [o.invoice_id, o]))
  res.json({
    run_id: result.run_id,
    results: ids.map((id) => toSyncResult(byId.get(id)!, numbers.get(id)!)),
  })
}
