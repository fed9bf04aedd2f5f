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
  /** Sum of the API calls' time at the emulator (latency included): what the phase spent waiting on Salesforce. */
  salesforceMs: number
  /** Longest request URL of the phase, in characters (Salesforce refuses URLs of more than 16,384). */
  longestUrl: number
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
