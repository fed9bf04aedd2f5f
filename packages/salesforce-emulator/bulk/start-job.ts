import { EmulatorContext } from "../context"
import { writeGuard } from "../controls/write-guard"
import { IngestJob } from "./jobs"
import { processJob } from "./process"

/**
 * Processes a closed job off the request: UploadComplete, then InProgress (for bulkProcessingMs), then JobComplete,
 * so clients see the states a real org goes through. Timers are unref'd: a stopped emulator does not wait for them,
 * and a persisted job that was not finished is started again on the next start.
 */
export function startJob(ctx: EmulatorContext, job: IngestJob): void {
  setImmediate(() => {
    if (job.state === "UploadComplete") {
      job.state = "InProgress"
      ctx.bulk.changed()
    }
    const timer = setTimeout(() => {
      // Aborted or deleted meanwhile: nothing to do.
      if (job.state !== "InProgress" || ctx.bulk.get(job.id) !== job) {
        return
      }
      processJob(
        {
          schema: ctx.schema,
          store: ctx.store,
          userId: job.createdById,
          // Record faults reach Bulk API rows; row locks do not: a job runs alone here.
          guard: writeGuard(ctx, {}),
        },
        job
      )
      ctx.bulk.changed()
    }, ctx.config.bulkProcessingMs)
    timer.unref()
  }).unref()
}
