import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  assertInvoicesExist,
  runSync,
  toSyncResult,
} from "../../../salesforce/helpers"
import type { AdminSyncInvoiceType } from "../../../salesforce/validators"

/** Sends one invoice now (the invoice page's button, the grid's row action, Retry in the log). */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSyncInvoiceType>,
  res: MedusaResponse
) => {
  const numbers = await assertInvoicesExist(req.scope, [req.params.id])
  const result = await runSync(req, res, {
    invoice_ids: [req.params.id],
    trigger: req.validatedBody?.trigger ?? "manual",
    started_by: req.auth_context.actor_id,
  })
  if (!result) return
  const outcome = result.outcomes.find((o) => o.invoice_id === req.params.id)!
  res.json({
    run_id: result.run_id,
    result: toSyncResult(outcome, numbers.get(req.params.id)!),
  })
}
