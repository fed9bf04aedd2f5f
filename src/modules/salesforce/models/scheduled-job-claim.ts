import { model } from "@medusajs/framework/utils"

/**
 * When each scheduled job last ran, by job name. Every worker schedules every job; the one whose atomic claim on
 * this row wins runs it (see SalesforceModuleService.claimJobRun), so a job runs once per interval across all
 * processes, with or without Redis.
 */
const ScheduledJobClaim = model.define(
  { name: "msi_scheduled_job_claim", tableName: "msi_scheduled_job_claim" },
  {
    id: model.text().primaryKey(),
    last_run_at: model.dateTime(),
  }
)

export default ScheduledJobClaim
