import crypto from "node:crypto"
import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import {
  describeSalesforceError,
  SalesforceApiError,
  SalesforceClient,
  SalesforceClientTuning,
  SalesforceConnectionOptions,
} from ".."

// jsforce's transport ignores NO_PROXY: loopback calls must not go to a proxy.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
  delete process.env[name]
}

const INVOICE = "Medusa_Invoice__c"
const EXTERNAL_ID = "Medusa_Id__c"
const UPSERT = "PATCH /composite/sobjects/{object}/{field}"
const TOKEN = "POST /services/oauth2/token"

function invoice(id: string, extra: Record<string, unknown> = {}) {
  return {
    [EXTERNAL_ID]: id,
    Name: id.toUpperCase(),
    Customer_Email__c: `${id}@example.com`,
    Currency__c: "EUR",
    Total__c: 100,
    ...extra,
  }
}

async function rejection(
  promise: Promise<unknown>
): Promise<SalesforceApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(SalesforceApiError)
    return error as SalesforceApiError
  }
  throw new Error("expected a rejection")
}

describe("SalesforceClient against the emulator", () => {
  const keys = crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  })
  let emu: EmulatorHandle

  const options = (
    extra: Partial<SalesforceConnectionOptions> = {}
  ): SalesforceConnectionOptions => ({
    loginUrl: emu.url,
    authFlow: "client_credentials",
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    ...extra,
  })
  const client = (
    extra: Partial<SalesforceConnectionOptions> = {},
    tuning?: SalesforceClientTuning
  ) => new SalesforceClient(options(extra), tuning)
  const count = (endpoint: string) => emu.requestLog().byEndpoint[endpoint] ?? 0

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jwtCertificate: keys.publicKey })
  })
  afterEach(() => emu.clearFaults())
  afterAll(() => emu.stop())

  describe("login", () => {
    it.each<[string, () => Partial<SalesforceConnectionOptions>]>([
      ["client credentials", () => ({})],
      [
        "a JWT bearer assertion",
        () => ({
          authFlow: "jwt",
          clientSecret: undefined,
          username: emu.username,
          privateKey: keys.privateKey,
        }),
      ],
      [
        "a refresh token",
        () => ({
          authFlow: "refresh_token",
          refreshToken: emu.issueRefreshToken(),
        }),
      ],
      [
        "a password",
        () => ({
          authFlow: "password",
          username: emu.username,
          password: emu.password,
        }),
      ],
    ])("logs in lazily with %s", async (_flow, extra) => {
      const sf = client(extra())
      expect(sf.instanceUrl()).toBeNull()
      emu.resetRequestLog()
      expect(await sf.identity()).toEqual({
        organizationId: emu.orgId,
        userId: emu.userId,
        username: emu.username,
        instanceUrl: emu.url,
      })
      expect(await sf.query("SELECT Id FROM User")).toHaveLength(1)
      // One login serves both calls.
      expect(count(TOKEN)).toBe(1)
      expect(sf.instanceUrl()).toBe(emu.url)
      expect(sf.apiVersion()).toBe("62.0")
      expect(emu.requestLog().entries.at(-1)?.path).toMatch(
        /^\/services\/data\/v62\.0\/query/
      )
    })

    it("reports a wrong client secret as an auth error with the OAuth code", async () => {
      const error = await rejection(
        client({ clientSecret: "wrong-secret" }).query("SELECT Id FROM User")
      )
      expect(error).toMatchObject({ errorCode: "invalid_client", kind: "auth" })
      expect(describeSalesforceError(error)).toBe(
        "Salesforce rejected the login: check the connected app's client id and secret (invalid_client)"
      )
    })

    it("checks its options up front", () => {
      expect(() => client({ clientSecret: "" })).toThrow(
        "Invalid Salesforce connection options: clientSecret is required when authFlow is client_credentials"
      )
    })

    it("uses the configured API version", async () => {
      const sf = client({ apiVersion: "60.0" })
      await sf.query("SELECT Id FROM User")
      expect(sf.apiVersion()).toBe("60.0")
      expect(emu.requestLog().entries.at(-1)?.path).toMatch(
        /^\/services\/data\/v60\.0\/query/
      )
    })
  })

  describe("records", () => {
    const sf = () => client()

    it("upserts 450 records in 3 calls, results in input order, then updates them", async () => {
      const s = sf()
      const records = Array.from({ length: 450 }, (_, i) =>
        invoice(`bulk_${i}`)
      )
      emu.resetRequestLog()
      const created = await s.upsert(INVOICE, EXTERNAL_ID, records)
      expect(count(UPSERT)).toBe(3)
      expect(created).toHaveLength(450)
      expect(created.every((r) => r.success && r.created === true)).toBe(true)
      const idOf = new Map(
        emu.records(INVOICE).map((r) => [r[EXTERNAL_ID], r.Id])
      )
      expect(created.map((r) => r.id)).toEqual(
        records.map((r) => idOf.get(r[EXTERNAL_ID]))
      )

      const updated = await s.upsert(INVOICE, EXTERNAL_ID, records)
      expect(count(UPSERT)).toBe(6)
      expect(updated.every((r) => r.success && r.created === false)).toBe(true)
      expect(updated.map((r) => r.id)).toEqual(created.map((r) => r.id))
      expect(await s.upsert(INVOICE, EXTERNAL_ID, [])).toEqual([])
      expect(count(UPSERT)).toBe(6)
    })

    it("reports a record's own failure in its result and saves the others", async () => {
      const results = await sf().upsert(INVOICE, EXTERNAL_ID, [
        invoice("partial_1"),
        invoice("partial_2", { Customer_Email__c: null }),
        invoice("partial_3"),
      ])
      expect(results.map((r) => r.success)).toEqual([true, false, true])
      expect(results[1]).toEqual({
        success: false,
        errors: [
          {
            statusCode: "REQUIRED_FIELD_MISSING",
            message: expect.any(String),
            fields: ["Customer_Email__c"],
          },
        ],
      })
      expect(
        describeSalesforceError(
          {
            errorCode: results[1].errors[0].statusCode,
            message: results[1].errors[0].message,
            fields: results[1].errors[0].fields,
          },
          INVOICE
        )
      ).toBe(
        "Salesforce requires Customer Email on the invoice (REQUIRED_FIELD_MISSING: Customer_Email__c)"
      )
    })

    it("refuses records without the external ID before any call", async () => {
      const error = await rejection(
        sf().upsert(INVOICE, EXTERNAL_ID, [
          invoice("x"),
          { Name: "no id", Customer_Email__c: "a@example.com" },
        ])
      )
      expect(error).toMatchObject({
        errorCode: "MISSING_EXTERNAL_ID",
        kind: "data",
        fields: [EXTERNAL_ID],
      })
    })

    it("creates and destroys", async () => {
      const s = sf()
      const created = await s.create(INVOICE, [
        invoice("del_1"),
        invoice("del_2"),
        invoice("del_3"),
      ])
      expect(created.map((r) => [r.success, r.created])).toEqual([
        [true, true],
        [true, true],
        [true, true],
      ])
      const ids = created.map((r) => r.id as string)
      emu.resetRequestLog()
      const destroyed = await s.destroy(INVOICE, [ids[0], ids[2]])
      expect(destroyed).toEqual([
        { id: ids[0], success: true, errors: [] },
        { id: ids[2], success: true, errors: [] },
      ])
      expect(count("DELETE /composite/sobjects")).toBe(1)
      const left = emu
        .records(INVOICE)
        .filter((r) => String(r[EXTERNAL_ID]).startsWith("del_"))
      expect(left.map((r) => r.Id)).toEqual([ids[1]])

      const again = await s.destroy(INVOICE, [ids[0]])
      expect(again[0].success).toBe(false)
      expect(again[0].errors[0].statusCode).toMatch(
        /ENTITY_IS_DELETED|INVALID_CROSS_REFERENCE_KEY/
      )
      expect(
        (await rejection(s.destroy(INVOICE, ["a0B&allOrNone=true"]))).errorCode
      ).toBe("MALFORMED_ID")
    })

    it("follows nextRecordsUrl past 2,000 rows", async () => {
      for (let i = 0; i < 2150; i++) {
        emu.insert(INVOICE, invoice(`page_${i}`))
      }
      emu.resetRequestLog()
      const rows = await sf().query<{ Id: string; Medusa_Id__c: string }>(
        "SELECT Id, Medusa_Id__c FROM Medusa_Invoice__c WHERE Medusa_Id__c LIKE 'page_%'"
      )
      expect(rows).toHaveLength(2150)
      expect(new Set(rows.map((r) => r.Medusa_Id__c)).size).toBe(2150)
      const queryCalls = emu
        .requestLog()
        .entries.filter((e) => e.method === "GET" && e.path.includes("/query"))
      expect(queryCalls).toHaveLength(2)
    })
  })

  describe("sessions", () => {
    it("refreshes an expired session once and replays the call", async () => {
      const s = client()
      await s.query("SELECT Id FROM User")
      emu.expireTokens()
      emu.resetRequestLog()
      const [result] = await s.upsert(INVOICE, EXTERNAL_ID, [
        invoice("expiry_1"),
      ])
      expect(result).toMatchObject({ success: true, created: true })
      expect(count(UPSERT)).toBe(2)
      expect(count(TOKEN)).toBe(1)

      // Calls that meet the expiry together share one refresh.
      emu.expireTokens()
      emu.resetRequestLog()
      await Promise.all([
        s.query("SELECT Id FROM User"),
        s.query("SELECT Id FROM User"),
        s.limits(),
      ])
      expect(count(TOKEN)).toBe(1)

      // The identity URL answers 403 Bad_OAuth_Token to an expired token, not 401.
      emu.expireTokens()
      expect((await s.identity()).userId).toBe(emu.userId)
    })

    it("fails once with an auth error when the refresh is refused, and holds further refreshes back", async () => {
      const s = client({}, { refreshCooldownMs: 60000 })
      await s.query("SELECT Id FROM User")
      emu.expireTokens()
      emu.injectFault({
        method: "POST",
        path: "/services/oauth2/token",
        status: 400,
        errorCode: "invalid_grant",
        message: "expired access/refresh token",
        count: 100,
      })
      emu.resetRequestLog()
      const error = await rejection(s.query("SELECT Id FROM User"))
      expect(error).toMatchObject({ errorCode: "invalid_grant", kind: "auth" })
      expect(count(TOKEN)).toBe(1)
      expect(emu.requestLog().total).toBe(2)

      const again = await rejection(s.query("SELECT Id FROM User"))
      expect(again).toMatchObject({ errorCode: "invalid_grant", kind: "auth" })
      expect(again.message).toMatch(/not retried for another \d+ s/)
      expect(count(TOKEN)).toBe(1)
      expect(emu.requestLog().total).toBe(3)

      // reset() forgets the refusal: the next call logs in afresh.
      emu.clearFaults()
      s.reset()
      expect(await s.query("SELECT Id FROM User")).toHaveLength(1)
    })

    it("gives every call that met the refused refresh the auth error, with one token request", async () => {
      const s = client()
      await s.query("SELECT Id FROM User")
      emu.expireTokens()
      emu.injectFault({
        method: "POST",
        path: "/services/oauth2/token",
        status: 400,
        errorCode: "invalid_grant",
        count: 100,
      })
      emu.resetRequestLog()
      const outcomes = await Promise.allSettled([
        s.query("SELECT Id FROM User"),
        s.limits(),
        s.upsert(INVOICE, EXTERNAL_ID, [invoice("concurrent_1")]),
      ])
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected")
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({
          errorCode: "invalid_grant",
          kind: "auth",
        })
      }
      expect(count(TOKEN)).toBe(1)
    })

    it("fails with invalid_grant for a revoked refresh token and tries again after the cool-down", async () => {
      const refreshToken = emu.issueRefreshToken()
      const s = client(
        { authFlow: "refresh_token", refreshToken },
        { refreshCooldownMs: 50 }
      )
      await s.query("SELECT Id FROM User")
      await fetch(`${emu.url}/services/oauth2/revoke`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token: refreshToken }).toString(),
      })
      emu.expireTokens()
      emu.resetRequestLog()
      expect(await rejection(s.query("SELECT Id FROM User"))).toMatchObject({
        errorCode: "invalid_grant",
        kind: "auth",
      })
      expect(count(TOKEN)).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 80))
      expect(await rejection(s.query("SELECT Id FROM User"))).toMatchObject({
        errorCode: "invalid_grant",
        kind: "auth",
      })
      expect(count(TOKEN)).toBe(2)
    })

    it("stops after one refresh when the new session is refused too (no loop)", async () => {
      const s = client()
      await s.query("SELECT Id FROM User")
      emu.injectFault({
        method: "GET",
        path: "/query",
        status: 401,
        errorCode: "INVALID_SESSION_ID",
        message: "Session expired or invalid",
        count: 50,
      })
      emu.resetRequestLog()
      const error = await rejection(s.query("SELECT Id FROM User"))
      expect(error).toMatchObject({
        errorCode: "INVALID_SESSION_ID",
        kind: "auth",
        status: 401,
      })
      expect(emu.requestLog().byEndpoint).toEqual({
        "GET /query": 2,
        [TOKEN]: 1,
      })
    })
  })

  describe("failures", () => {
    let s: SalesforceClient
    const upsertOne = () => s.upsert(INVOICE, EXTERNAL_ID, [invoice("fault_1")])

    beforeAll(async () => {
      s = client()
      await s.query("SELECT Id FROM User")
    })

    it.each([
      [
        { errorCode: "UNABLE_TO_LOCK_ROW" },
        { errorCode: "UNABLE_TO_LOCK_ROW", kind: "transient", status: 400 },
        "Salesforce is busy (UNABLE_TO_LOCK_ROW); will retry",
      ],
      [
        { status: 503 },
        { errorCode: "SERVER_UNAVAILABLE", kind: "transient", status: 503 },
        "Salesforce is unavailable for now (SERVER_UNAVAILABLE); will retry",
      ],
      [
        { status: 500 },
        { errorCode: "UNKNOWN_EXCEPTION", kind: "transient", status: 500 },
        "Salesforce is unavailable for now (UNKNOWN_EXCEPTION); will retry",
      ],
      [
        {
          errorCode: "REQUEST_LIMIT_EXCEEDED",
          message: "TotalRequests Limit exceeded.",
        },
        { errorCode: "REQUEST_LIMIT_EXCEEDED", kind: "daily_limit" },
        "Salesforce daily API limit reached (REQUEST_LIMIT_EXCEEDED)",
      ],
      [
        { errorCode: "REQUEST_LIMIT_EXCEEDED" },
        { errorCode: "REQUEST_LIMIT_EXCEEDED", kind: "transient", status: 403 },
        "Salesforce is handling too many requests at once (REQUEST_LIMIT_EXCEEDED); will retry",
      ],
      [
        { drop: "before-response" as const },
        { errorCode: "ECONNRESET", kind: "transient" },
        "Salesforce could not be reached (ECONNRESET); will retry",
      ],
    ])("turns an injected %j into %j", async (fault, expected, sentence) => {
      emu.injectFault({
        method: "PATCH",
        path: "/composite/sobjects",
        ...fault,
      })
      const error = await rejection(upsertOne())
      expect(error).toMatchObject(expected)
      expect(describeSalesforceError(error, INVOICE)).toBe(sentence)
      // Only that call failed.
      expect((await upsertOne())[0].success).toBe(true)
    })

    it("reports the spent daily budget as daily_limit", async () => {
      const { max } = emu.apiUsage()
      emu.setApiUsage({ used: max })
      try {
        expect(await rejection(s.query("SELECT Id FROM User"))).toMatchObject({
          errorCode: "REQUEST_LIMIT_EXCEEDED",
          kind: "daily_limit",
          status: 403,
        })
      } finally {
        emu.setApiUsage({ used: 0 })
      }
    })

    it("bounds a call whose answer is cut short, which jsforce alone never settles", async () => {
      const bounded = client({ timeoutMs: 400 })
      await bounded.query("SELECT Id FROM User")
      emu.injectFault({
        method: "PATCH",
        path: "/composite/sobjects",
        drop: "mid-response",
      })
      const error = await rejection(
        bounded.upsert(INVOICE, EXTERNAL_ID, [invoice("cut_1")])
      )
      expect(error).toMatchObject({ errorCode: "ETIMEDOUT", kind: "transient" })
      // Our own bound ended it (jsforce's would say 10 minutes, and outlive the test): its message names it.
      expect(error.message).toBe("Salesforce did not answer within 400 ms")
      expect(
        (await bounded.upsert(INVOICE, EXTERNAL_ID, [invoice("cut_1")]))[0]
          .success
      ).toBe(true)
    })

    it("times out a call that takes longer than timeoutMs", async () => {
      const slow = client({ timeoutMs: 300 })
      await slow.query("SELECT Id FROM User")
      emu.injectFault({
        method: "PATCH",
        path: "/composite/sobjects",
        latencyMs: 1000,
      })
      const error = await rejection(
        slow.upsert(INVOICE, EXTERNAL_ID, [invoice("slow_1")])
      )
      expect(error).toMatchObject({ errorCode: "ETIMEDOUT", kind: "transient" })
      expect(error.message).toBe("Salesforce did not answer within 300 ms")
    })

    it("maps configuration errors of a whole call", async () => {
      const error = await rejection(
        s.query("SELECT Foo__c FROM Medusa_Invoice__c")
      )
      expect(error.kind).toBe("configuration")
      const missing = await rejection(
        s.upsert("Nope__c", EXTERNAL_ID, [invoice("n")])
      )
      expect(missing.kind).toBe("configuration")
    })
  })

  describe("limits and links", () => {
    it("reads API usage from the last answer and from /limits", async () => {
      const s = client()
      expect(s.apiUsage()).toBeNull()
      emu.setApiUsage({ used: 41, max: 5000 })
      await s.query("SELECT Id FROM User")
      expect(s.apiUsage()).toEqual({ used: 42, limit: 5000 })
      expect(await s.limits()).toEqual({ used: 43, limit: 5000 })
      expect(s.apiUsage()).toEqual({ used: 43, limit: 5000 })
      emu.setApiUsage({ used: 0, max: 100000 })
    })

    it("links a record in Lightning once the instance is known, and says so when it is not", async () => {
      const s = client()
      expect(s.recordUrl(INVOICE, "a00000000000001AAA")).toBeNull()
      const [saved] = await s.upsert(INVOICE, EXTERNAL_ID, [invoice("link_1")])
      expect(s.recordUrl(INVOICE, saved.id as string)).toBe(
        `${emu.url}/lightning/r/Medusa_Invoice__c/${saved.id}/view`
      )
      s.reset()
      expect(s.instanceUrl()).toBeNull()
      expect(s.apiUsage()).toBeNull()
    })
  })
})
