import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../../../modules/salesforce"
import { hintForAttempt } from "../../../../../modules/salesforce/fix-hints"
import type SalesforceModuleService from "../../../../../modules/salesforce/service"

/**
 * One attempt for the attempt viewer: the log row with its hint, and what was sent for the document (endpoints,
 * records with their fields) with Salesforce's answer for each and the time each call took. Read from the
 * attempt itself: no Salesforce call.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const [attempt] = await service.listSyncAttempts({ id: req.params.id })
  if (!attempt) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Sync attempt with id: ${req.params.id} was not found`
    )
  }
  const { raw_amount: _, shown_in_log: __, outbox_id: ___, ...row } = attempt
  res.json({
    attempt: { ...row, detail: row.detail ?? null, hint: hintForAttempt(row) },
  })
}
