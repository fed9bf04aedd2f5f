import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import { hintForAttempt } from "../../../../modules/salesforce/fix-hints"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import type { AdminGetSyncLogParamsType } from "../validators"
import { COUNT_BOUND } from "../../../../queries/count-bound"
import { presentPause } from "../helpers"
import { syncLogFilters } from "./helpers"

/** A log row's columns: not the detail, which is the attempt viewer's (GET sync-log/:id) and up to 32 KB a row. */
const LOG_FIELDS = [
  "id",
  "created_at",
  "updated_at",
  "run_id",
  "invoice_id",
  "invoice_number",
  "order_id",
  "order_display_id",
  "document_type",
  "amount",
  "currency_code",
  "trigger",
  "started_by",
  "status",
  "error_code",
  "error_message",
  "duration_ms",
  "salesforce_id",
  "salesforce_url",
  "note",
]

/** The sync log, newest first; each failure with its fix hint. */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminGetSyncLogParamsType>,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const { skip = 0, take = 20 } = req.queryConfig.pagination
  const filters = syncLogFilters(
    req.filterableFields as AdminGetSyncLogParamsType
  )
  // Counting stops COUNT_BOUND rows past the page (see countSyncAttemptsUpTo); `count_capped` says "at least".
  const bound = skip + take + COUNT_BOUND
  const [attempts, count, settings] = await Promise.all([
    service.listSyncAttempts(filters, {
      select: LOG_FIELDS,
      skip,
      take,
      order: { created_at: "DESC", id: "DESC" },
    }),
    service.countSyncAttemptsUpTo(filters, bound),
    service.getSettings(),
  ])
  res.json({
    // The record URL was stored with the attempt: the log never needs a Salesforce session.
    attempts: attempts.map(
      ({ raw_amount: _, shown_in_log: __, outbox_id: ___, ...a }) => ({
        ...a,
        hint: hintForAttempt(a),
      })
    ),
    // Why queued documents are not being sent, while syncing is paused.
    sync_paused: presentPause(settings),
    count,
    count_capped: count >= bound,
    offset: skip,
    limit: take,
  })
}
