/**
 * What to retry and how long to wait: transient Salesforce failures only (busy rows, 5xx, time-outs, dropped
 * connections), a bounded number of times, with exponential backoff and full jitter so parallel syncs do not
 * retry in step. Every call we retry is an upsert by external ID or a query, so a retry cannot duplicate.
 */
import {
  SalesforceApiError,
  toSalesforceApiError,
} from "../../../modules/salesforce/lib/errors"

export type RetryPolicy = {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export type Sleep = (ms: number) => Promise<void>

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Delay before try number `attempt` (2, 3, ...): a random point below base * 2^(attempt-2), capped. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, attempt - 2)
  )
  return Math.floor(random() * ceiling)
}

export const isTransient = (error: SalesforceApiError) =>
  error.kind === "transient"

/** Runs `call` until it succeeds, fails for a reason a retry cannot fix, or the tries are spent. */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep = realSleep
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (raw) {
      const error = toSalesforceApiError(raw)
      if (!isTransient(error) || attempt >= policy.maxAttempts) {
        throw error
      }
      await sleep(backoffDelay(attempt + 1, policy))
    }
  }
}
