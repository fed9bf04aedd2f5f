import {
  KnownTokens,
  MAX_SESSION_MS,
  redactSecrets,
  redactValues,
} from "../redact"

const SESSION = "00D5g000004ABCDEFG!AQcAQH0dMHZfz972Szmpkb58urFRkgeBGsxL"
const JWT =
  "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSIsInN1YiI6InVzZXIifQ.c2lnbmF0dXJlLWJ5dGVz"

describe("redactSecrets", () => {
  it.each([
    [
      "a bearer header in any case",
      "authorization: bearer abc.def-123",
      "abc.def-123",
    ],
    ["a BEARER header", "BEARER abc.def-123 then", "abc.def-123"],
    [
      "a JSON access token",
      '{"access_token":"tok-123456","x":1}',
      "tok-123456",
    ],
    [
      "a JSON refresh token with spaces",
      '{ "refresh_token" : "rt-998877" }',
      "rt-998877",
    ],
    ["a colon client secret", "client_secret: cs-42-abc", "cs-42-abc"],
    ["an uppercase form password", "PASSWORD=hunter2&x=1", "hunter2"],
    [
      "a URL-encoded session id",
      `Cookie: sid=${SESSION.replace("!", "%21")}`,
      "AQcAQH0dMHZfz972",
    ],
    [
      "an encoded session id in a path",
      `/x?token=${SESSION.replace("!", "%21")}`,
      "AQcAQH0dMHZfz972",
    ],
    ["a bare session id", `session ${SESSION} expired`, "AQcAQH0dMHZfz972"],
    ["a bare JWT", `assertion ${JWT} refused`, "c2lnbmF0dXJlLWJ5dGVz"],
    [
      "a PEM block",
      "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
      "MIIE",
    ],
  ])("removes %s", (_name, text, secret) => {
    const redacted = redactSecrets(text)
    expect(redacted).not.toContain(secret)
    expect(redacted).toContain("[redacted")
  })

  it("leaves ordinary words and codes alone", () => {
    for (const text of [
      "OAuth 2.0 client credentials",
      "errorCode: FIELD_CUSTOM_VALIDATION_EXCEPTION",
      "The token endpoint answered 400",
    ]) {
      expect(redactSecrets(text)).toBe(text)
    }
  })

  it("removes known secrets by value, also URL-encoded", () => {
    const secret = "s3cr3t/with+chars="
    const text = `a ${secret} b ${encodeURIComponent(secret)} c`
    expect(redactSecrets(text, [secret])).toBe("a [redacted] b [redacted] c")
  })
})

describe("redactValues", () => {
  it("masks inside each string, so the serialised object stays valid JSON", () => {
    const hostile = `Customer said: Bearer x" and password=x"y -----BEGIN A----- end`
    const detail = {
      records: [{ fields: { Notes__c: hostile, Total__c: 12.5, Ok__c: true } }],
      calls: [{ endpoint: "POST /composite", duration_ms: 3 }],
    }
    const redacted = redactValues(detail)
    const parsed = JSON.parse(JSON.stringify(redacted))
    expect(parsed.records[0].fields.Notes__c).toMatch(
      /^Customer said: Bearer \[redacted\]/
    )
    expect(parsed.records[0].fields.Notes__c).not.toContain('x"y')
    expect(parsed.records[0].fields.Total__c).toBe(12.5)
    expect(parsed.records[0].fields.Ok__c).toBe(true)
    expect(parsed.calls).toEqual(detail.calls)
    // The original is not changed.
    expect(detail.records[0].fields.Notes__c).toBe(hostile)
  })

  it("replaces the value of a key that names a credential, and uses the given redact for strings", () => {
    const value = {
      access_token: "plain",
      nested: [{ Authorization: "x" }, "known-secret!"],
    }
    expect(
      redactValues(value, (text) => redactSecrets(text, ["known-secret"]))
    ).toEqual({
      access_token: "[redacted]",
      nested: [{ Authorization: "[redacted]" }, "[redacted]!"],
    })
  })
})

describe("KnownTokens", () => {
  it("keeps every token of the last session lifetime, not only the latest few", () => {
    let now = 0
    const tokens = new KnownTokens(() => now)
    for (let i = 0; i < 10; i++) {
      tokens.add(`token-${i}`)
      now += 60_000
    }
    expect(tokens.values()).toHaveLength(10)
    // A token issued again is valid from then on.
    now = MAX_SESSION_MS - 1
    tokens.add("token-0")
    now = MAX_SESSION_MS + 60_000 + 1
    expect(tokens.values().sort()).toEqual(
      [
        "token-0",
        ...Array.from({ length: 8 }, (_, i) => `token-${i + 2}`),
      ].sort()
    )
  })
})
