/**
 * The alerts a sync raises, as notifications: one for a run that ended with failures, one when the connection
 * starts failing, one when syncing pauses for the API limit. Pure: the workflow reads the facts, this says what
 * the merchant reads, where it links to, and the idempotency key that keeps it to one notification per run or
 * per change of state.
 */
/** How each sync trigger reads in a sentence. */
const TRIGGER_LABELS: Record<string, string> = {
  automatic: "An automatic",
  manual: "A manual",
  bulk: "A bulk",
  order_numbers: "A Sync New Order",
  retry: "A retry",
  catch_up: "A catch-up",
}

export const ADMIN_SETTINGS_PATH = "/app/settings/salesforce"
export const runPath = (id: string) => `/app/invoices/sync-log/runs/${id}`

export type SyncAlert = {
  idempotency_key: string
  title: string
  description: string
  /** Where in the admin to look (the feed shows it in the description; emails link it). */
  url: string
}

export type SyncAlertFacts =
  | {
      kind: "run_finished"
      run: { id: string; trigger: string; total: number; failed: number }
      top_reason: string | null
    }
  | { kind: "connection_failed"; at: string; message: string }
  | { kind: "paused"; until: string; reason: string }

export function syncAlert(facts: SyncAlertFacts): SyncAlert | null {
  switch (facts.kind) {
    case "run_finished": {
      const { run } = facts
      if (run.failed <= 0) {
        return null
      }
      const url = runPath(run.id)
      const trigger = TRIGGER_LABELS[run.trigger] ?? run.trigger
      return {
        idempotency_key: `msi-alert:run:${run.id}`,
        title: `Salesforce sync: ${run.failed} of ${run.total} document(s) failed`,
        description:
          `${trigger} sync run ${run.id} could not send ${run.failed} document(s) to Salesforce` +
          (facts.top_reason ? `; most often: ${facts.top_reason}` : "") +
          `. Failures, their fixes and a CSV: Invoices → Sync log → Runs (${url}).`,
        url,
      }
    }
    case "connection_failed":
      return {
        idempotency_key: `msi-alert:connection:${facts.at}`,
        title: "Salesforce connection failing",
        description: `${facts.message}. Invoices are not sent until the connection works again: check it in Settings → Salesforce (${ADMIN_SETTINGS_PATH}) and press Test connection.`,
        url: ADMIN_SETTINGS_PATH,
      }
    case "paused":
      return {
        idempotency_key: `msi-alert:paused:${facts.until}`,
        title: "Salesforce sync paused",
        description: `${facts.reason}. Syncing resumes by itself after ${facts.until.replace("T", " ").slice(0, 16)} UTC; nothing is lost. Settings → Salesforce (${ADMIN_SETTINGS_PATH}) shows the API usage.`,
        url: ADMIN_SETTINGS_PATH,
      }
  }
}
