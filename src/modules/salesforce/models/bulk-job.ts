import { model } from "@medusajs/framework/utils"

/**
 * A Bulk API 2.0 ingest job a bulk batch created for one of its plan's steps, stored as soon as Salesforce gave
 * its id: a drain that takes over the batch after its process died polls this job instead of creating another.
 * The batch is the outbox rows with the same `bulk_batch_id` (see models/sync-outbox-entry.ts).
 */
const BulkJob = model
  .define("msi_bulk_job", {
    id: model.id({ prefix: "sbjob" }).primaryKey(),
    batch_id: model.text(),
    // The plan step the job carries (account, contact, invoice, credit_note, line): one job per step and batch.
    step: model.text(),
    object: model.text(),
    // Salesforce's job id (750...).
    job_id: model.text(),
    // The job's state as last seen (Open, UploadComplete, JobComplete, ...): Open means the upload may be partial.
    state: model.text(),
  })
  .indexes([{ on: ["batch_id", "step"], unique: true }])

export default BulkJob
