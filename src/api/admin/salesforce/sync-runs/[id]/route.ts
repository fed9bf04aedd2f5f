import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../../../modules/salesforce"
import { hintForAttempt } from "../../../../../modules/salesforce/fix-hints"
import type SalesforceModuleService from "../../../../../modules/salesforce/service"

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
  const failures = await service.listSyncAttempts(
    { run_id: run.id, status: "failed" },
    { select: ["status", "error_code", "error_message", "order_display_id"] }
  )
  const groups = new Map<
    string,
    {
      reason: string
      error_code: string | null
      hint: string | null
      count: number
    }
  >()
  for (const f of failures) {
    const reason = f.error_message ?? "Unknown error"
    const group = groups.get(reason) ?? {
      reason,
      error_code: f.error_code,
      // The group's first failure names its order; the reason, and so the fix, is the same for the others.
      hint: hintForAttempt(f),
      count: 0,
    }
    group.count++
    groups.set(reason, group)
  }
  const { queued, sending } = await service.runProgress(run.id)
  res.json({
    run: {
      ...run,
      progress: {
        total: run.total,
        queued,
        sending,
        sent: run.synced + run.failed,
        synced: run.synced,
        failed: run.failed,
      },
      failures_by_reason: [...groups.values()].sort(
        (a, b) => b.count - a.count
      ),
    },
  })
}
