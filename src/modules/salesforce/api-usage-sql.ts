/**
 * What the sync learned about API usage, written with the batch that learned it (the caller's transaction): the
 * calls this store made, added to today's row (UTC), and the org's usage as Salesforce last reported it, which
 * every worker's budget guard reads.
 */
import type { ApiUsage } from "./api-budget"
import type { SqlExecutor } from "./outbox-sql"

export type ApiUse = { calls: number; usage: ApiUsage | null }

const utcDay = (at: Date) => at.toISOString().slice(0, 10)

export async function recordApiUse(
  exec: SqlExecutor,
  { calls, usage }: ApiUse,
  at: Date = new Date()
): Promise<void> {
  if (calls > 0) {
    await exec(
      `INSERT INTO msi_api_call_day (id, calls) VALUES (?, ?)
       ON CONFLICT (id) DO UPDATE SET calls = msi_api_call_day.calls + excluded.calls, updated_at = now()`,
      [utcDay(at), calls]
    )
  }
  if (usage) {
    await exec(
      `UPDATE msi_salesforce_settings SET api_used = ?, api_limit = ?, api_usage_at = ?, updated_at = now()
       WHERE id = 'default'`,
      [usage.used, usage.limit, at]
    )
  }
}

/** The calls this store made today (UTC). */
export async function callsToday(
  exec: SqlExecutor,
  at: Date = new Date()
): Promise<number> {
  const [row] = await exec(
    `SELECT calls FROM msi_api_call_day WHERE id = ? AND deleted_at IS NULL`,
    [utcDay(at)]
  )
  return row ? Number(row.calls) : 0
}
