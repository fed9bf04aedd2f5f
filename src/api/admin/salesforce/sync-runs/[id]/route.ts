import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../../../modules/salesforce"
import type SalesforceModuleService from "../../../../../modules/salesforce/service"

/** One run with its failures grouped by reason, most frequent first. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const [run] = await service.listSyncRuns({ id: req.params.id })
  if (!run) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Sync run with id: ${req.params.id} was not found`
    )
  }
  res.json({
    run: {
      ...run,
      failures_by_reason: await service.listRunFailureGroups(run.id),
    },
  })
}
