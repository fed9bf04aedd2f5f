import { Alert, Text } from "@medusajs/ui"
import { useEffect } from "react"
import { errorMessage } from "../lib/format"
import { useInvalidateSyncData, useSyncRun } from "../lib/hooks"

/**
 * A run under way, as a progress bar of the documents sent (synced + failed) out of the run's total, polled until
 * the run has finished; then its result. (@medusajs/ui has no progress bar: a styled div in its tokens.)
 */
export const RunProgress = ({ runId }: { runId: string }) => {
  const { data: run, isError, error } = useSyncRun(runId, { follow: true })
  const invalidate = useInvalidateSyncData()
  const finished = !!run?.finished_at
  useEffect(() => {
    if (finished) void invalidate()
  }, [finished])

  if (isError) {
    return (
      <Alert variant="error">
        Could not read the run's progress: {errorMessage(error)}
      </Alert>
    )
  }
  const progress = run?.progress
  if (run && progress && finished) {
    return (
      <div data-testid="catch-up-result">
        <Alert variant={progress.failed ? "warning" : "success"} dismissible>
          {`Found ${progress.total}: ${progress.synced} synced, ${progress.failed} failed.`}
          {run.status === "interrupted"
            ? " A worker stopped during the run; its invoices were sent again."
            : ""}
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
          ? `${progress.sent} of ${total} sent (${progress.synced} synced, ${progress.failed} failed, ${progress.queued + progress.sending} waiting)`
          : "Starting…"}
      </Text>
    </div>
  )
}
