import { model } from "@medusajs/framework/utils"

export const SYNC_TRIGGERS = [
  "automatic",
  "manual",
  "bulk",
  "order_numbers",
  "retry",
  "catch_up",
] as const
export const SYNC_ATTEMPT_STATUSES = ["synced", "failed"] as const

/**
 * One try to send one invoice document: the sync log. Invoice number, order number, type and amount are copied
 * so the log reads on its own and can be filtered without joining across modules.
 */
const SyncAttempt = model
  .define(
    { name: "msi_sync_attempt", tableName: "msi_sync_attempt" },
    {
      id: model.id({ prefix: "satt" }).primaryKey(),
      run_id: model.text(),
      invoice_id: model.text(),
      invoice_number: model.text().searchable(),
      order_id: model.text(),
      order_display_id: model.number(),
      document_type: model.text(),
      amount: model.bigNumber(),
      currency_code: model.text(),
      trigger: model.enum([...SYNC_TRIGGERS]),
      started_by: model.text().nullable(),
      status: model.enum([...SYNC_ATTEMPT_STATUSES]),
      error_code: model.text().nullable(),
      error_message: model.text().nullable(),
      duration_ms: model.number(),
      salesforce_id: model.text().nullable(),
      // The record's address, written with the attempt: showing the log never needs a Salesforce session.
      salesforce_url: model.text().nullable(),
      // The outbox row this attempt answers: unique, so no row is ever recorded twice.
      outbox_id: model.text().nullable(),
      // The row the log shows for this invoice by default: its latest attempt (a success hides the failures it
      // resolved; a failure after it is what is wrong now). Kept by the service when attempts are recorded.
      shown_in_log: model.boolean().default(true),
      // What was sent for this document and what Salesforce answered (see attempt-detail.ts): endpoints, records,
      // answers, durations. Size-bounded; never a token, secret or header.
      detail: model.json().nullable(),
      // Something the merchant should know about an attempt that went through, e.g. that a Retry went past the
      // API budget.
      note: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["invoice_id", "created_at"] },
    { on: ["run_id"] },
    { on: ["created_at"] },
    { on: ["status"] },
    { on: ["shown_in_log", "created_at"] },
    { on: ["outbox_id"], unique: true },
  ])

export default SyncAttempt
