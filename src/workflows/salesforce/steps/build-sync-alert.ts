import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type {
  ConnectionFailedData,
  SyncPausedData,
  SyncRunFinishedData,
} from "../events"
import { SyncAlert, syncAlert } from "../utils/sync-alerts"

export const buildSyncAlertStepId = "msi-build-sync-alert"

export type BuildSyncAlertStepInput =
  | { kind: "run_finished"; data: SyncRunFinishedData }
  | { kind: "connection_failed"; data: ConnectionFailedData }
  | { kind: "paused"; data: SyncPausedData }

/** The notifications one sync event calls for: feed always, email when `alertEmail` is set; none for a clean run. */
export const buildSyncAlertStep = createStep(
  buildSyncAlertStepId,
  async (input: BuildSyncAlertStepInput, { container }) => {
    const service: SalesforceModuleService =
      container.resolve(SALESFORCE_MODULE)
    let alert: SyncAlert | null
    if (input.kind === "run_finished") {
      const [run] = await service.listSyncRuns({ id: input.data.id })
      if (!run) {
        return new StepResponse({ feed: [], email: [] })
      }
      const failures = run.failed
        ? await service.listSyncAttempts(
            { run_id: run.id, status: "failed" },
            { select: ["error_message"] }
          )
        : []
      const counts = new Map<string, number>()
      for (const f of failures) {
        const reason = f.error_message ?? "Unknown error"
        counts.set(reason, (counts.get(reason) ?? 0) + 1)
      }
      const [top] = [...counts].sort((a, b) => b[1] - a[1])
      alert = syncAlert({
        kind: "run_finished",
        run,
        top_reason: top?.[0] ?? null,
      })
    } else if (input.kind === "connection_failed") {
      alert = syncAlert({ kind: "connection_failed", ...input.data })
    } else {
      alert = syncAlert({ kind: "paused", ...input.data })
    }
    if (!alert) {
      return new StepResponse({ feed: [], email: [] })
    }
    const data = {
      title: alert.title,
      description: alert.description,
      url: alert.url,
    }
    const email = service.options.alertEmail
    return new StepResponse({
      feed: [
        {
          to: "",
          channel: "feed",
          template: "admin-ui",
          data,
          idempotency_key: alert.idempotency_key,
        },
      ],
      email: email
        ? [
            {
              to: email,
              channel: "email",
              template: "msi-sync-alert",
              data,
              idempotency_key: `${alert.idempotency_key}:email`,
            },
          ]
        : [],
    })
  }
)
