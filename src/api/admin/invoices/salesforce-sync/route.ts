import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import {
  assertInvoicesExist,
  resultOf,
  runSync,
} from "../../salesforce/helpers"
import type { AdminSyncInvoicesType } from "../../salesforce/validators"

/**
 * The bulk action: queues the selected invoices in one run. A small selection waits and answers each one's
 * result; a large one answers at once with the run id, whose progress `GET /admin/salesforce/sync-runs/:id` tells.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSyncInvoicesType>,
  res: MedusaResponse
) => {
  const ids = [...new Set(req.validatedBody.invoice_ids)]
  const numbers = await assertInvoicesExist(req.scope, ids)
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const wait = ids.length <= service.options.outbox.waitForAtMost
  const result = await runSync(
    req,
    res,
    {
      invoice_ids: ids,
      trigger: "bulk",
      started_by: req.auth_context.actor_id,
    },
    { wait }
  )
  if (!result) return
  res.json({
    run_id: result.run_id,
    queued: result.queued,
    results: wait
      ? ids.map((id) => resultOf(result.outcomes, id, numbers.get(id)!))
      : [],
  })
}
