import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import type { AdminGetSyncRunsParamsType } from "../validators"

/** Sync runs, newest first, with their counts. */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminGetSyncRunsParamsType>,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const { skip = 0, take = 20 } = req.queryConfig.pagination
  const { trigger } = req.filterableFields as AdminGetSyncRunsParamsType
  const [runs, count] = await service.listAndCountSyncRuns(
    trigger ? { trigger } : {},
    {
      skip,
      take,
      order: { created_at: "DESC", id: "DESC" },
    }
  )
  res.json({ runs, count, offset: skip, limit: take })
}
