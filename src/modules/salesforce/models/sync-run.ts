import { model } from "@medusajs/framework/utils"
import { SYNC_TRIGGERS } from "./sync-attempt"

/** One sync request (an automatic push, a bulk action, a list of order numbers, a catch-up) and its counts. */
const SyncRun = model
  .define(
    { name: "sync_run", tableName: "msi_sync_run" },
    {
      id: model.id({ prefix: "srun" }).primaryKey(),
      trigger: model.enum([...SYNC_TRIGGERS]),
      started_by: model.text().nullable(),
      status: model.enum(["running", "completed", "failed"]).default("running"),
      total: model.number().default(0),
      synced: model.number().default(0),
      failed: model.number().default(0),
      finished_at: model.dateTime().nullable(),
    }
  )
  .indexes([{ on: ["created_at"] }])

export default SyncRun
