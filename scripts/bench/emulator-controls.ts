/**
 * The emulator's test controls over HTTP (`/__emulator/...`, loopback only), for the benchmark's measuring
 * process: the emulator runs in the parent process, Medusa in the `medusa exec` child.
 */
import type {
  Latency,
  RequestLogSummary,
  SObjectRecord,
} from "salesforce-emulator"

export const TOKEN_ENDPOINT = "POST /services/oauth2/token"

/** Requests of one phase, split into API calls (what Salesforce counts) and token requests (which it does not). */
export type CallCount = {
  apiCalls: number
  tokenRequests: number
  byEndpoint: Record<string, number>
  /** Sum of the API calls' time at the emulator (latency included); calls in parallel each count. */
  salesforceMs: number
  /**
   * Wall time during which at least one API call was in flight or a Bulk API 2.0 job was running (from its close
   * to the look that saw it finished): what the phase spent waiting on Salesforce.
   */
  waitingMs: number
  /** Of that, wall time with a Bulk job running (the sender sleeps between its looks at the job). */
  bulkJobsMs: number
  /** Longest request URL of the phase, in characters (Salesforce refuses URLs of more than 16,384). */
  longestUrl: number
}

type Span = readonly [number, number]
type Call = { at: string; durationMs: number; endpoint: string; path: string }

const spanOf = (c: Call): Span => {
  const start = Date.parse(c.at)
  return [start, start + c.durationMs]
}

/** Each Bulk job's [end of its close, end of the last look at it]: Salesforce working on it. */
function bulkJobSpans(calls: Call[]): Span[] {
  const jobs = new Map<string, { closed?: number; seen?: number }>()
  const job = (c: Call) => {
    const id = c.path.match(/\/jobs\/ingest\/([^/?]+)$/)?.[1]
    if (!id) return undefined
    const found = jobs.get(id) ?? {}
    jobs.set(id, found)
    return found
  }
  for (const c of calls) {
    if (c.endpoint === "PATCH /jobs/ingest/{jobId}") {
      const found = job(c)
      if (found) found.closed = spanOf(c)[1]
    } else if (c.endpoint === "GET /jobs/ingest/{jobId}") {
      const found = job(c)
      if (found) found.seen = spanOf(c)[1]
    }
  }
  return [...jobs.values()].flatMap(({ closed, seen }) =>
    closed !== undefined && seen !== undefined && seen > closed
      ? [[closed, seen] as const]
      : []
  )
}

/** Length of the union of the intervals. */
function unionMs(intervals: Span[]): number {
  const spans = [...intervals].sort((a, b) => a[0] - b[0])
  let total = 0
  let end = -Infinity
  for (const [from, to] of spans) {
    if (to <= end) continue
    total += to - Math.max(from, end)
    end = to
  }
  return total
}

export function emulatorControls(baseUrl: string) {
  const url = (path: string) => `${baseUrl}/__emulator${path}`

  async function send(
    method: string,
    path: string,
    body?: unknown
  ): Promise<Response> {
    const response = await fetch(url(path), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    })
    if (!response.ok) {
      throw new Error(
        `emulator control ${method} ${path} answered ${response.status}: ${await response.text()}`
      )
    }
    return response
  }

  return {
    async setLatency(latency: Latency): Promise<void> {
      await send("PUT", "/latency", latency)
    },
    /** Forgets every record (and sessions, faults, usage): the next phase starts on an empty org. */
    async reset(): Promise<void> {
      await send("POST", "/reset")
    },
    async resetRequestLog(): Promise<void> {
      await send("DELETE", "/requests")
    },
    async requestLog(): Promise<RequestLogSummary> {
      return (await (
        await send("GET", "/requests")
      ).json()) as RequestLogSummary
    },
    /** API calls since the last reset of the request log, token requests counted apart. */
    async callCount(): Promise<CallCount> {
      const { total, byEndpoint, entries } = await this.requestLog()
      const tokenRequests = byEndpoint[TOKEN_ENDPOINT] ?? 0
      const calls = entries.filter((e) => e.endpoint !== TOKEN_ENDPOINT)
      return {
        apiCalls: total - tokenRequests,
        tokenRequests,
        byEndpoint,
        salesforceMs: calls.reduce((sum, e) => sum + e.durationMs, 0),
        waitingMs: unionMs([...calls.map(spanOf), ...bulkJobSpans(calls)]),
        bulkJobsMs: unionMs(bulkJobSpans(calls)),
        longestUrl: Math.max(0, ...calls.map((e) => e.path.length)),
      }
    },
    async records(object: string): Promise<SObjectRecord[]> {
      return (await (
        await send("GET", `/records/${encodeURIComponent(object)}`)
      ).json()) as SObjectRecord[]
    },
  }
}

export type EmulatorControlsClient = ReturnType<typeof emulatorControls>
