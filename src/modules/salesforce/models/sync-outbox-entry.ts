import { model } from "@medusajs/framework/utils"
import { SYNC_TRIGGERS } from "./sync-attempt"

export const OUTBOX_STATUSES = ["pending", "claimed", "done"] as const

/**
 * What should be sent to Salesforce: one row per invoice document per request (an automatic push, a row sync, a
 * bulk action, a catch-up...). Every trigger writes here and nothing else; drains claim rows under a lease, push
 * them and mark them done in the same transaction as their attempts. A lease that runs out (its process died)
 * makes the row claimable again.
 */
const SyncOutboxEntry = model
  .define(
    { name: "msi_sync_outbox_entry", tableName: "msi_sync_outbox" },
    {
      id: model.id({ prefix: "sobx" }).primaryKey(),
      // The order of requests: drains send oldest first, so a credit note's original goes before it.
      seq: model.autoincrement(),
      invoice_id: model.text(),
      // Null for automatic rows: the drain groups what it claims into one run, as automatic batches are.
      run_id: model.text().nullable(),
      trigger: model.enum([...SYNC_TRIGGERS]),
      started_by: model.text().nullable(),
      status: model.enum([...OUTBOX_STATUSES]).default("pending"),
      // Who holds the claim and until when; past lease_until the claim is void.
      lease_owner: model.text().nullable(),
      lease_until: model.dateTime().nullable(),
      // How many times the row was claimed: above 1 it outlived a drain that died.
      claims: model.number().default(0),
      // How many times a drain failed on the row (its commit failed, or its batch's send or commit threw): past a
      // bound the row is set aside as failed (outbox-sql.ts's MAX_FAILURES) rather than claimed again and again.
      failures: model.number().default(0),
      // Why the last failure happened: a short reason without customer data, for the sync log when set aside.
      last_error: model.text().nullable(),
      done_at: model.dateTime().nullable(),
      // Set on the rows of a batch sent through Bulk API 2.0 (see models/bulk-job.ts): a drain that takes over
      // after a crash takes them all together, and resumes the batch's stored jobs.
      bulk_batch_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["status", "seq"] },
    { on: ["run_id"] },
    { on: ["invoice_id", "status"] },
    { on: ["bulk_batch_id"] },
  ])

export default SyncOutboxEntry
