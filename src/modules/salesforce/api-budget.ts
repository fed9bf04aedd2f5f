/**
 * The API budget guard, pure: the sync may take the org's daily API usage up to `percent` of its limit and no
 * further. Usage is what Salesforce last reported (the `Sforce-Limit-Info: api-usage=N/M` header of any answer, or
 * `/limits`); the policy (send-batch.ts) checks before every call and before a batch, with the calls the batch
 * will make at most, so the budget is never crossed by a batch that starts.
 */
import { SalesforceApiError } from "./lib/errors"

export type ApiUsage = { used: number; limit: number }

export const DEFAULT_API_BUDGET_PERCENT = 50
/** The error code of a budget halt; ours, not Salesforce's. */
export const API_BUDGET_REACHED = "API_BUDGET_REACHED"
/**
 * How long a budget pause lasts before a drain looks at the org's usage again (one `/limits` call): Salesforce
 * counts a rolling 24 hours, so usage falls a little at a time.
 */
export const API_BUDGET_RECHECK_MS = 5 * 60_000

/** The most requests the sync lets the org reach: `percent` of the limit, rounded down. */
export function budgetCeiling(limit: number, percent: number): number {
  return Math.floor((limit * percent) / 100)
}

/** Whether `calls` more requests would take usage past the budget. */
export function exceedsBudget(
  usage: ApiUsage,
  percent: number,
  calls = 1
): boolean {
  return usage.used + calls > budgetCeiling(usage.limit, percent)
}

/** Whether usage already stands at or past the budget (the meter's "reached"). */
export function budgetReached(usage: ApiUsage, percent: number): boolean {
  return exceedsBudget(usage, percent, 1)
}

/** The sentence shown in the settings, the log and the runs. */
export function budgetReason(usage: ApiUsage, percent: number): string {
  return `API budget reached (${usage.used} of ${usage.limit} requests today, budget ${percent} %)`
}

/** What the policy throws to stop a batch before a call would cross the budget (a halt, like the daily limit). */
export function apiBudgetError(
  usage: ApiUsage,
  percent: number
): SalesforceApiError {
  return new SalesforceApiError({
    errorCode: API_BUDGET_REACHED,
    kind: "api_budget",
    message: budgetReason(usage, percent),
  })
}

/** The note of an attempt a Retry sent past the budget. */
export function pastBudgetNote(usage: ApiUsage, percent: number): string {
  return `Sent past the API budget on request (a Retry): ${budgetReason(usage, percent)}`
}

/** A usage a worker stored less than this long ago is trusted at the start of a batch; older, `/limits` is asked. */
export const API_USAGE_FRESH_MS = 60_000
