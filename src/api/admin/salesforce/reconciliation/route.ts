import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import { runUnlessNotAllowed } from "../helpers"
import type { AdminGetReconciliationParamsType } from "../validators"
import { reconcile } from "./helpers"

/**
 * Medusa against Salesforce per day and currency over [from, to] (at most 92 days), with the documents that
 * explain each differing day. 409 when Salesforce is not configured.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminGetReconciliationParamsType>,
  res: MedusaResponse
) => {
  const { from, to } = req.validatedQuery as AdminGetReconciliationParamsType
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  // Its queries count among today's calls by this store.
  const reconciliation = await runUnlessNotAllowed(res, () =>
    service.meteredCall(() => reconcile(req.scope, from, to))
  )
  if (reconciliation) {
    res.json({ reconciliation })
  }
}
