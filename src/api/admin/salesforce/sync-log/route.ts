import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import { hintForAttempt } from "../../../../modules/salesforce/fix-hints"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import type { AdminGetSyncLogParamsType } from "../validators"
import { syncLogFilters } from "./helpers"

/** The sync log, newest first; each failure with its fix hint. */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminGetSyncLogParamsType>,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const { skip = 0, take = 20 } = req.queryConfig.pagination
  const [attempts, count] = await service.listAndCountSyncAttempts(
    syncLogFilters(req.filterableFields as AdminGetSyncLogParamsType),
    { skip, take, order: { created_at: "DESC", id: "DESC" } }
  )
  res.json({
    // The record URL was stored with the attempt: the log never needs a Salesforce session.
    attempts: attempts.map(
      ({ raw_amount: _, shown_in_log: __, outbox_id: ___, ...a }) => ({
        ...a,
        hint: hintForAttempt(a),
      })
    ),
    count,
    offset: skip,
    limit: take,
  })
}
