import crypto from "node:crypto"
import jsforce from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  rejection,
} from "./support"

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"

function signJwt(
  privateKey: crypto.KeyObject,
  claims: Record<string, unknown>
): string {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString("base64url")
  const input = `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}`
  return `${input}.${crypto.sign("RSA-SHA256", Buffer.from(input), privateKey).toString("base64url")}`
}

describe("OAuth flows driven by jsforce", () => {
  const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
  let sf: EmulatorHandle

  beforeAll(async () => {
    sf = await emulator({
      jwtCertificate: keys.publicKey
        .export({ type: "spki", format: "pem" })
        .toString(),
    })
  })
  afterAll(() => sf.stop())

  it("logs in with client credentials and answers in Salesforce's token shape", async () => {
    const conn = new jsforce.Connection({
      version: API_VERSION,
      oauth2: {
        loginUrl: sf.url,
        clientId: sf.clientId,
        clientSecret: sf.clientSecret,
      },
    })
    const userInfo = await conn.authorize({ grant_type: "client_credentials" })
    expect(userInfo).toEqual({
      id: sf.userId,
      organizationId: sf.orgId,
      url: `${sf.url}/id/${sf.orgId}/${sf.userId}`,
    })
    expect(conn.instanceUrl).toBe(sf.url)

    // Shape of the token response in the REST API Developer Guide (OAuth client credentials flow).
    const response = await fetch(`${sf.url}/services/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: sf.clientId,
        client_secret: sf.clientSecret,
      }),
    })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toEqual({
      access_token: expect.stringMatching(/^00D[A-Za-z0-9]{12}!/),
      signature: expect.any(String),
      scope: "api",
      instance_url: sf.url,
      id: `${sf.url}/id/${sf.orgId}/${sf.userId}`,
      token_type: "Bearer",
      issued_at: expect.stringMatching(/^\d{13}$/),
    })
    const expected = crypto
      .createHmac("sha256", sf.clientSecret)
      .update(body.id + body.issued_at)
      .digest("base64")
    expect(body.signature).toBe(expected)
  })

  it("refuses an unknown client and a wrong secret with Salesforce's OAuth errors", async () => {
    const wrongId = new jsforce.Connection({
      version: API_VERSION,
      oauth2: {
        loginUrl: sf.url,
        clientId: "nobody",
        clientSecret: sf.clientSecret,
      },
    })
    const unknown = await rejection(
      wrongId.authorize({ grant_type: "client_credentials" })
    )
    expect(unknown.name).toBe("invalid_client_id")
    expect(unknown.message).toBe("client identifier invalid")

    const wrongSecret = new jsforce.Connection({
      version: API_VERSION,
      oauth2: {
        loginUrl: sf.url,
        clientId: sf.clientId,
        clientSecret: "wrong",
      },
    })
    const secret = await rejection(
      wrongSecret.authorize({ grant_type: "client_credentials" })
    )
    expect(secret.name).toBe("invalid_client")
    expect(secret.message).toBe("invalid client credentials")

    const response = await fetch(`${sf.url}/services/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "magic",
        client_id: sf.clientId,
      }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: "unsupported_grant_type",
      error_description: "grant type not supported",
    })
  })

  it("logs in with username and password", async () => {
    const conn = new jsforce.Connection({
      version: API_VERSION,
      oauth2: {
        loginUrl: sf.url,
        clientId: sf.clientId,
        clientSecret: sf.clientSecret,
      },
    })
    const userInfo = await conn.login(sf.username, sf.password)
    expect(userInfo.id).toBe(sf.userId)
    const result = await conn.query<{ Username: string }>(
      "SELECT Username FROM User"
    )
    expect(result.records.map((r) => r.Username)).toEqual([sf.username])

    const bad = new jsforce.Connection({
      version: API_VERSION,
      oauth2: {
        loginUrl: sf.url,
        clientId: sf.clientId,
        clientSecret: sf.clientSecret,
      },
    })
    const error = await rejection(bad.login(sf.username, "wrong"))
    expect(error.name).toBe("invalid_grant")
    expect(error.message).toBe("authentication failure")
  })

  it("logs in with a JWT bearer assertion signed RS256 and refuses bad ones", async () => {
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: sf.clientId,
      sub: sf.username,
      aud: sf.url,
      exp: now + 180,
    }
    const conn = new jsforce.Connection({
      version: API_VERSION,
      oauth2: { loginUrl: sf.url, clientId: sf.clientId },
    })
    const userInfo = await conn.authorize({
      grant_type: JWT_BEARER,
      assertion: signJwt(keys.privateKey, claims),
    })
    expect(userInfo.organizationId).toBe(sf.orgId)
    expect((await conn.identity()).username).toBe(sf.username)

    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
    const cases: [string, string, string][] = [
      [signJwt(other.privateKey, claims), "invalid_grant", "invalid assertion"],
      [
        signJwt(keys.privateKey, {
          ...claims,
          aud: "https://elsewhere.example",
        }),
        "invalid_grant",
        "audience is invalid",
      ],
      [
        signJwt(keys.privateKey, { ...claims, exp: now - 600 }),
        "invalid_grant",
        "invalid assertion",
      ],
      [
        signJwt(keys.privateKey, { ...claims, iss: "other-client" }),
        "invalid_client_id",
        "client identifier invalid",
      ],
      [
        signJwt(keys.privateKey, { ...claims, sub: "someone@else" }),
        "invalid_grant",
        "user hasn't approved this consumer",
      ],
    ]
    for (const [assertion, error, description] of cases) {
      const failing = new jsforce.Connection({
        version: API_VERSION,
        oauth2: { loginUrl: sf.url, clientId: sf.clientId },
      })
      const thrown = await rejection(
        failing.authorize({ grant_type: JWT_BEARER, assertion })
      )
      expect([thrown.name, thrown.message]).toEqual([error, description])
    }
  })

  it("gets a refresh token from the web-server flow and refreshes with it after expiry", async () => {
    const redirectUri = "http://localhost/callback"
    const authorize = await fetch(
      `${sf.url}/services/oauth2/authorize?response_type=code&client_id=${sf.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&state=s1`,
      { redirect: "manual" }
    )
    expect(authorize.status).toBe(302)
    const location = new URL(authorize.headers.get("location") as string)
    expect(location.searchParams.get("state")).toBe("s1")

    const conn = new jsforce.Connection({
      version: API_VERSION,
      oauth2: {
        loginUrl: sf.url,
        clientId: sf.clientId,
        clientSecret: sf.clientSecret,
        redirectUri,
      },
    })
    await conn.authorize(location.searchParams.get("code") as string)
    expect(conn.refreshToken).toEqual(expect.any(String))
    const firstToken = conn.accessToken

    let refreshed = 0
    conn.on("refresh", () => refreshed++)
    sf.expireTokens()
    const result = await conn.query("SELECT Id FROM Organization")
    expect(result.totalSize).toBe(1)
    expect(refreshed).toBe(1)
    expect(conn.accessToken).not.toBe(firstToken)

    const bad = await rejection(conn.oauth2.refreshToken("not-a-token"))
    expect([bad.name, bad.message]).toEqual([
      "invalid_grant",
      "expired access/refresh token",
    ])
  })

  it("expires tokens after tokenTtlSeconds; jsforce refreshes and replays the call", async () => {
    const short = await emulator({ tokenTtlSeconds: 1 })
    try {
      const conn = await clientCredentialsConnection(short)
      const token = conn.accessToken
      await new Promise((resolve) => setTimeout(resolve, 1100))
      // Raw answer first: the REST API's 401 body for an expired session.
      const response = await fetch(
        `${short.url}/services/data/v${API_VERSION}/limits`,
        {
          headers: { Authorization: `Bearer ${token}` },
        }
      )
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual([
        {
          message: "Session expired or invalid",
          errorCode: "INVALID_SESSION_ID",
        },
      ])

      const id = (await conn
        .sobject("Account")
        .create({ Name: "After expiry" })) as { id: string }
      expect(conn.accessToken).not.toBe(token)
      expect(short.records("Account").map((r) => r.Id)).toEqual([id.id])
      const log = short.requestLog().byEndpoint
      expect(log["POST /sobjects/{object}"]).toBe(2)
      expect(log["POST /services/oauth2/token"]).toBe(2)
    } finally {
      await short.stop()
    }
  })

  it("serves userinfo and the identity URL to a valid token only", async () => {
    const conn = await clientCredentialsConnection(sf)
    const info = await fetch(`${sf.url}/services/oauth2/userinfo`, {
      headers: { Authorization: `Bearer ${conn.accessToken}` },
    })
    expect(await info.json()).toMatchObject({
      sub: `${sf.url}/id/${sf.orgId}/${sf.userId}`,
      user_id: sf.userId,
      organization_id: sf.orgId,
      preferred_username: sf.username,
    })
    const identity = await conn.identity()
    expect(identity).toMatchObject({
      user_id: sf.userId,
      organization_id: sf.orgId,
      username: sf.username,
    })
    const denied = await fetch(`${sf.url}/services/oauth2/userinfo`, {
      headers: { Authorization: "Bearer nope" },
    })
    expect(denied.status).toBe(403)
  })
})
