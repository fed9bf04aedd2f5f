import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  invoice,
  rejection,
} from "./support"

describe("test controls and fault injection as jsforce sees them", () => {
  let sf: EmulatorHandle
  let conn: Connection
  const upsert = () =>
    conn.sobject("Medusa_Invoice__c").upsert([invoice(1)], "Medusa_Id__c")

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
  })
  afterEach(() => sf.clearFaults())
  afterAll(() => sf.stop())

  it.each([
    ["UNABLE_TO_LOCK_ROW", undefined, 400],
    ["SERVER_UNAVAILABLE", undefined, 503],
    ["REQUEST_LIMIT_EXCEEDED", undefined, 403],
    [undefined, 500, 500],
    [undefined, 503, 503],
  ])(
    "answers the next matching call with %s / %s",
    async (errorCode, status, expectedStatus) => {
      sf.injectFault({
        method: "PATCH",
        path: "/composite/sobjects/",
        errorCode,
        status,
      })
      sf.resetRequestLog()
      const error = await rejection(upsert())
      expect(sf.requestLog().entries.map((e) => e.status)).toEqual([
        expectedStatus,
      ])
      expect(error.errorCode).toBe(
        errorCode ??
          (status === 500 ? "UNKNOWN_EXCEPTION" : "SERVER_UNAVAILABLE")
      )
      // Only the next call was hit: the retry goes through.
      expect(await upsert()).toEqual([
        expect.objectContaining({ success: true }),
      ])
    }
  )

  it("answers a raw body, as a proxy in front of the org does; jsforce makes it the message of HTTP_<status>", async () => {
    sf.injectFault({
      method: "PATCH",
      path: "/composite/sobjects/",
      status: 400,
      body: "Bad Request\nVia: edge-proxy",
    })
    sf.resetRequestLog()
    const error = await rejection(upsert())
    expect(sf.requestLog().entries.map((e) => e.status)).toEqual([400])
    expect(error.errorCode).toBe("ERROR_HTTP_400")
    expect(error.message).toBe("Bad Request\nVia: edge-proxy")
  })

  it("applies a fault to N calls and matches paths by regex; jsforce retries idempotent GETs", async () => {
    sf.injectFault({
      method: "PATCH",
      path: /composite\/sobjects\/Medusa_Invoice__c/,
      count: 2,
      errorCode: "UNABLE_TO_LOCK_ROW",
    })
    expect((await rejection(upsert())).errorCode).toBe("UNABLE_TO_LOCK_ROW")
    expect((await rejection(upsert())).errorCode).toBe("UNABLE_TO_LOCK_ROW")
    await upsert()

    sf.resetRequestLog()
    sf.injectFault({ method: "GET", path: "/query", status: 503 })
    const result = await conn.query("SELECT Id FROM Medusa_Invoice__c")
    expect(result.totalSize).toBe(1)
    expect(sf.requestLog().byEndpoint["GET /query"]).toBe(2)
  })

  it("drops the connection before the response: jsforce fails the call", async () => {
    sf.injectFault({
      method: "PATCH",
      path: "/composite/sobjects",
      drop: "before-response",
    })
    const error = await rejection(upsert())
    expect(error.errorCode).toBeUndefined()
    expect(error.message).toMatch(/socket hang up|ECONNRESET/i)
    await upsert()
  })

  it("commits the write and then drops the connection before the answer", async () => {
    sf.reset()
    conn = await clientCredentialsConnection(sf)
    sf.injectFault({
      method: "PATCH",
      path: "/composite/sobjects",
      drop: "after-commit",
    })
    sf.resetRequestLog()
    const error = await rejection(upsert())
    expect(error.errorCode).toBeUndefined()
    expect(error.message).toMatch(/socket hang up|ECONNRESET/i)
    // The client saw nothing, yet the record is there: a blind retry must be an upsert, not an insert.
    expect(sf.records("Medusa_Invoice__c").map((r) => r.Medusa_Id__c)).toEqual([
      "inv_1",
    ])
    expect(sf.requestLog().entries.map((e) => e.status)).toEqual([0])
    expect(await upsert()).toEqual([
      expect.objectContaining({ success: true, created: false }),
    ])
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(1)
  })

  it("answers faults on the OAuth endpoints in the OAuth error shape", async () => {
    const token = () =>
      fetch(`${sf.url}/services/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: sf.clientId,
          client_secret: sf.clientSecret,
        }),
      })
    sf.injectFault({ path: "/services/oauth2/token", status: 503 })
    let answer = await token()
    expect(answer.status).toBe(503)
    expect(await answer.json()).toEqual({
      error: "unknown_error",
      error_description: "retry your request",
    })
    sf.injectFault({
      path: "/services/oauth2/token",
      errorCode: "invalid_grant",
      message: "expired access/refresh token",
    })
    answer = await token()
    expect(answer.status).toBe(400)
    expect(await answer.json()).toEqual({
      error: "invalid_grant",
      error_description: "expired access/refresh token",
    })
    // jsforce reads the OAuth shape: the description becomes its error message.
    sf.injectFault({ path: "/services/oauth2/token", status: 500 })
    const refused = await rejection(
      conn.oauth2.requestToken({ grant_type: "client_credentials" })
    )
    expect(refused.message).toBe("retry your request")
    expect((await token()).status).toBe(200)
  })

  it("drops the connection mid-response: fetch fails, jsforce never settles (callers need their own timeout)", async () => {
    sf.injectFault({ method: "GET", path: "/limits", drop: true })
    const cut = await rejection(
      fetch(`${sf.url}/services/data/v${API_VERSION}/limits`).then((r) =>
        r.text()
      )
    )
    expect(cut.message).toBe("terminated")

    // jsforce 3.10.16 pipes the response body without an error handler: a body cut short leaves the call pending
    // until jsforce's 10-minute fetch timeout. The sync must bound its Salesforce calls with its own timeout.
    sf.injectFault({ method: "GET", path: "/limits", drop: true })
    const outcome = await Promise.race([
      conn.limits().then(
        () => "resolved",
        () => "rejected"
      ),
      new Promise((resolve) => setTimeout(() => resolve("pending"), 1000)),
    ])
    expect(outcome).toBe("pending")
  })

  it("adds latency per rule and by default", async () => {
    sf.injectFault({ path: "/limits", latencyMs: 150 })
    let started = Date.now()
    await conn.limits()
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)

    sf.setLatency({ fixedMs: 60, jitterMs: 20 })
    started = Date.now()
    await conn.limits()
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
    sf.setLatency({ fixedMs: 0, jitterMs: 0 })
  })

  it("counts requests per endpoint and serves the controls over HTTP on loopback", async () => {
    sf.resetRequestLog()
    await upsert()
    await conn.query("SELECT Id FROM Account")
    const log = sf.requestLog()
    expect(log.byEndpoint).toEqual({
      "PATCH /composite/sobjects/{object}/{field}": 1,
      "GET /query": 1,
    })
    expect(log.entries[0]).toMatchObject({
      method: "PATCH",
      status: 200,
      path: `/services/data/v${API_VERSION}/composite/sobjects/Medusa_Invoice__c/Medusa_Id__c`,
    })

    const http = (method: string, path: string, body?: unknown) =>
      fetch(`${sf.url}/__emulator${path}`, {
        method,
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      })
    expect(await (await http("GET", "/requests")).json()).toMatchObject({
      total: 2,
    })
    expect((await http("DELETE", "/requests")).status).toBe(204)
    expect(sf.requestLog().total).toBe(0)
    const records = (await (
      await http("GET", "/records/Medusa_Invoice__c")
    ).json()) as { Medusa_Id__c: string }[]
    expect(records.map((r) => r.Medusa_Id__c)).toEqual(["inv_1"])

    // PATCH, because jsforce retries a GET answered 503 five times with exponential backoff.
    const fault = await http("POST", "/faults", {
      method: "PATCH",
      path: "/composite/sobjects",
      errorCode: "SERVER_UNAVAILABLE",
      count: 10,
    })
    expect(fault.status).toBe(201)
    expect((await rejection(upsert())).errorCode).toBe("SERVER_UNAVAILABLE")
    expect(await (await http("GET", "/faults")).json()).toEqual([
      expect.objectContaining({ remaining: 9 }),
    ])
    await http("DELETE", "/faults")

    await http("POST", "/tokens/expire")
    let refreshed = false
    conn.once("refresh", () => (refreshed = true))
    await conn.limits()
    expect(refreshed).toBe(true)

    expect((await http("POST", "/reset")).status).toBe(204)
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(0)
    expect(sf.records("User").map((r) => r.Id)).toEqual([sf.userId])
  })
})
