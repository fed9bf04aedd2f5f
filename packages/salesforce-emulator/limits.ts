import { apiError } from "./errors"

/**
 * The org's daily API request budget. Every authenticated call under /services/data counts; once the budget is
 * spent, calls fail with 403 REQUEST_LIMIT_EXCEEDED as in a real org until the counter is reset.
 */
export class ApiUsage {
  used = 0
  /** Until then the budget counts as spent whatever `used` says: a "daily limit for a while" fault. */
  private exhaustedUntil = 0

  constructor(public max: number) {}

  exhaustFor(ms: number): void {
    this.exhaustedUntil = Date.now() + ms
  }

  private exhausted(): boolean {
    return this.used >= this.max || Date.now() < this.exhaustedUntil
  }

  private reported(): number {
    return this.exhausted() ? Math.max(this.used, this.max) : this.used
  }

  reset(): void {
    this.used = 0
    this.exhaustedUntil = 0
  }

  /** Counts one call, or throws the error Salesforce answers when the budget is spent. */
  count(): void {
    if (this.exhausted()) {
      throw apiError(
        403,
        "REQUEST_LIMIT_EXCEEDED",
        "TotalRequests Limit exceeded."
      )
    }
    this.used += 1
  }

  /** The Sforce-Limit-Info header value. */
  header(): string {
    return `api-usage=${this.reported()}/${this.max}`
  }

  /** The /limits resource, with the entries clients commonly read. */
  limits(): Record<string, { Max: number; Remaining: number }> {
    return {
      DailyApiRequests: {
        Max: this.max,
        Remaining: Math.max(0, this.max - this.reported()),
      },
      DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
      DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
      DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      DataStorageMB: { Max: 1024, Remaining: 1024 },
      FileStorageMB: { Max: 1024, Remaining: 1024 },
    }
  }
}
