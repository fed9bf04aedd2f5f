/** One request as the log keeps it. Endpoint is the method plus the route with placeholders. */
export type LoggedRequest = {
  at: string
  method: string
  path: string
  endpoint: string
  status: number
  durationMs: number
}

export type RequestLogSummary = {
  total: number
  /** Requests per endpoint, e.g. { "PATCH /composite/sobjects/{object}/{field}": 3 }. */
  byEndpoint: Record<string, number>
  entries: LoggedRequest[]
}

// Benchmarks count API calls with this, so counts are exact even when old entries are dropped to bound memory.
const MAX_ENTRIES = 10000

export class RequestLog {
  private entries: LoggedRequest[] = []
  private counts: Record<string, number> = {}
  private total = 0

  add(entry: LoggedRequest): void {
    this.total += 1
    this.counts[entry.endpoint] = (this.counts[entry.endpoint] ?? 0) + 1
    this.entries.push(entry)
    if (this.entries.length > MAX_ENTRIES) {
      this.entries.splice(0, this.entries.length - MAX_ENTRIES)
    }
  }

  summary(): RequestLogSummary {
    return {
      total: this.total,
      byEndpoint: { ...this.counts },
      entries: [...this.entries],
    }
  }

  clear(): void {
    this.entries = []
    this.counts = {}
    this.total = 0
  }
}
