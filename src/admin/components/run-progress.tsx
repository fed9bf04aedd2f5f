import { Alert, Text } from "@medusajs/ui"
import { useEffect } from "react"
import { errorMessage, formatNumber } from "../lib/format"
import { useInvalidateSyncData, useSyncRun } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"

/**
 * A run under way, as a progress bar of the documents sent (synced + failed) out of the run's total, polled until
 * the run has finished; then its result. (@medusajs/ui has no progress bar: a styled div in its tokens.)
 */
export const RunProgress = ({ runId }: { runId: string }) => {
  const { t } = usePluginTranslation()
  const { data: run, isError, error } = useSyncRun(runId, { follow: true })
  const invalidate = useInvalidateSyncData()
  const finished = !!run?.finished_at
  useEffect(() => {
    if (finished) void invalidate()
  }, [finished])

  if (isError) {
    return (
      <Alert variant="error">
        {t("run.progressError", { message: errorMessage(error) })}
      </Alert>
    )
  }
  const progress = run?.progress
  if (run && progress && finished) {
    return (
      <div data-testid="catch-up-result">
        <Alert variant={progress.failed ? "warning" : "success"} dismissible>
          {t("run.found", {
            total: formatNumber(progress.total),
            synced: formatNumber(progress.synced),
            failed: formatNumber(progress.failed),
          })}
          {run.status === "interrupted" ? ` ${t("run.interruptedNote")}` : ""}
        </Alert>
      </div>
    )
  }
  const total = progress?.total ?? 0
  const percent = total ? Math.round(((progress?.sent ?? 0) / total) * 100) : 0
  return (
    <div className="flex items-center gap-x-3" data-testid="catch-up-progress">
      <div
        className="bg-ui-bg-component shadow-borders-base h-2 flex-1 overflow-hidden rounded-full"
        role="progressbar"
        aria-label={t("run.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={progress?.sent ?? 0}
      >
        <div
          className="bg-ui-fg-interactive h-full rounded-full transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
      <Text size="small" className="text-ui-fg-subtle whitespace-nowrap">
        {progress
          ? t("run.progress", {
              sent: formatNumber(progress.sent),
              total: formatNumber(total),
              synced: formatNumber(progress.synced),
              failed: formatNumber(progress.failed),
              waiting: formatNumber(progress.queued + progress.sending),
            })
          : t("run.starting")}
      </Text>
    </div>
  )
}
