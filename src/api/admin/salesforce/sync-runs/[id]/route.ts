import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../../../modules/salesforce"
import { hintForAttempt } from "../../../../../modules/salesforce/fix-hints"
import type SalesforceModuleService from "../../../../../modules/salesforce/service"
import { presentPause } from "../../helpers"

/**
 * One run with its progress (queued: waiting in the outbox, sending: claimed by a drain, sent = synced + failed)
 * and its failures grouped by reason, most frequent first, each with its fix hint.
 */
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
  const [groups, { queued, sending }, settings] = await Promise.all([
    service.listRunFailureGroups(run.id),
    service.runProgress(run.id),
    service.getSettings(),
  ])
  res.json({
    run: {
      ...run,
      // Why the run's documents wait, while they do.
      paused: run.finished_at ? null : presentPause(settings),
      progress: {
        total: run.total,
        queued,
        sending,
        sent: run.synced + run.failed,
        synced: run.synced,
        failed: run.failed,
      },
      // The reason, and so the fix, is the same for every failure of a group.
      failures_by_reason: groups.map(({ order_display_id, ...group }) => ({
        ...group,
        hint: hintForAttempt({
          status: "failed",
          error_code: group.error_code,
          error_message: group.reason,
          order_display_id,
        }),
      })),
    },
  })
}
