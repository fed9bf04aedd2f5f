import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  assertInvoicesExist,
  resultOf,
  runSync,
  singleSyncTrigger,
} from "../../../salesforce/helpers"
import type { AdminSyncInvoiceType } from "../../../salesforce/validators"

/** Sends one invoice now (the invoice page's button, the grid's row action, Retry in the log) and answers how it went. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSyncInvoiceType>,
  res: MedusaResponse
) => {
  const numbers = await assertInvoicesExist(req.scope, [req.params.id])
  const result = await runSync(req, res, {
    invoice_ids: [req.params.id],
    trigger: await singleSyncTrigger(req.scope, req.params.id),
    started_by: req.auth_context.actor_id,
  })
  if (!result) return
  res.json({
    run_id: result.run_id,
    result: resultOf(
      result.outcomes,
      req.params.id,
      numbers.get(req.params.id)!
    ),
  })
}
