import { Connection } from "jsforce"
import { ChaosClass, EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  invoice,
  raw,
  rejection,
} from "./support"

// Faults of every class at a rate, with the count of faults injected readable back (the soak reports it).

describe("chaos: faults of every class at a rate", () => {
  let sf: EmulatorHandle
  let conn: Connection
  const upsert = (n = 1) =>
    conn.sobject("Medusa_Invoice__c").upsert(
      Array.from({ length: n }, (_, i) => invoice(i + 1)),
      "Medusa_Id__c"
    )
  const only = (kind: ChaosClass, extra = {}) =>
    sf.setChaos({ rate: 1, classes: [kind], seed: 7, ...extra })

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
  })
  beforeEach(async () => {
    sf.reset()
    conn = await clientCredentialsConnection(sf)
  })
  afterAll(() => sf.stop())

  it.each([
    ["500", 500, "UNKNOWN_EXCEPTION"],
    ["503", 503, "SERVER_UNAVAILABLE"],
  ] as const)(
    "%s answers the call with its error",
    async (kind, status, code) => {
      only(kind)
      sf.resetRequestLog()
      const error = await rejection(upsert())
      expect(error.errorCode).toBe(code)
      expect(sf.requestLog().entries.map((e) => e.status)).toEqual([status])
      expect(sf.records("Medusa_Invoice__c")).toHaveLength(0)
      expect(sf.faultStats()).toEqual({
        faults_injected: 1,
        byClass: { [kind]: 1 },
      })
    }
  )

  it("lock fails records inside a 200 answer", async () => {
    only("lock", { lockRecordShare: 0.5 })
    const results = await upsert(40)
    const failed = results.filter((r) => !r.success)
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.length).toBeLessThan(40)
    for (const result of failed) {
      expect(result.errors).toEqual([
        expect.objectContaining({ statusCode: "UNABLE_TO_LOCK_ROW" }),
      ])
    }
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(40 - failed.length)
    expect(sf.faultStats()).toEqual({
      faults_injected: failed.length,
      byClass: { lock: failed.length },
    })
  })

  it("commit-then-drop writes and hangs up", async () => {
    only("commit-then-drop")
    const error = await rejection(upsert())
    expect(error.message).toMatch(/socket hang up|ECONNRESET/i)
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(1)
  })

  it("token-expiry ends every session: the call answers 401 INVALID_SESSION_ID", async () => {
    const before = conn.accessToken as string
    only("token-expiry")
    const answer = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/limits`
    )
    expect(answer.status).toBe(401)
    expect(answer.json).toEqual([
      {
        errorCode: "INVALID_SESSION_ID",
        message: "Session expired or invalid",
      },
    ])
    sf.setChaos({ rate: 0 })
    // The token stays expired after chaos is off; jsforce refreshes it and goes on.
    await conn.limits()
    expect(conn.accessToken).not.toBe(before)
    expect(sf.faultStats().byClass).toEqual({ "token-expiry": 1 })
  })

  it("daily-limit refuses every call for a while with TotalRequests Limit exceeded", async () => {
    only("daily-limit", { dailyLimitMs: 60_000 })
    const error = await rejection(upsert())
    expect(error.errorCode).toBe("REQUEST_LIMIT_EXCEEDED")
    expect(error.message).toBe("TotalRequests Limit exceeded.")
    sf.setChaos({ rate: 0 })
    // Still refused after chaos is off: the limit holds for its window.
    const answer = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/limits`
    )
    expect(answer.status).toBe(403)
    expect(answer.headers.get("sforce-limit-info")).toBe(
      "api-usage=100000/100000"
    )
    sf.reset()
  })

  it("timeout holds the request before handling it", async () => {
    only("timeout", { timeoutMs: 300 })
    sf.resetRequestLog()
    await upsert()
    expect(sf.requestLog().entries[0].durationMs).toBeGreaterThanOrEqual(290)
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(1)
  })

  it("spreads faults of every class at the rate and counts them; repeatable with a seed", async () => {
    const run = async () => {
      sf.reset()
      sf.setChaos({
        rate: 0.3,
        seed: 42,
        classes: ["500", "503", "lock", "daily-limit"],
        dailyLimitMs: 1,
      })
      for (let i = 0; i < 30; i++) {
        await raw(
          sf,
          conn,
          "PATCH",
          `/services/data/v${API_VERSION}/composite/sobjects/Medusa_Invoice__c/Medusa_Id__c`,
          JSON.stringify({
            records: [1, 2, 3].map((n) => ({
              attributes: { type: "Medusa_Invoice__c" },
              ...invoice(n),
            })),
          })
        )
      }
      return sf.faultStats()
    }
    conn = await clientCredentialsConnection(sf)
    const first = await run()
    conn = await clientCredentialsConnection(sf)
    const second = await run()
    expect(first.faults_injected).toBeGreaterThan(3)
    expect(first.faults_injected).toBeLessThan(30)
    expect(second).toEqual(first)
  })

  it("is controlled over HTTP", async () => {
    const put = (body: unknown) =>
      fetch(`${sf.url}/__emulator/chaos`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      })
    expect((await put({ rate: 2 })).status).toBe(400)
    expect((await put({ rate: 0.5, classes: ["meteor"] })).status).toBe(400)
    expect((await put({ rate: 1, classes: ["503"] })).status).toBe(200)
    expect((await rejection(upsert())).errorCode).toBe("SERVER_UNAVAILABLE")
    const stats = await (await fetch(`${sf.url}/__emulator/fault-stats`)).json()
    expect(stats).toEqual({ faults_injected: 1, byClass: { "503": 1 } })
    const chaos = await (await fetch(`${sf.url}/__emulator/chaos`)).json()
    expect(chaos).toMatchObject({
      settings: { rate: 1, classes: ["503"] },
      faults_injected: 1,
    })
  })
})
