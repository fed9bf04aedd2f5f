import crypto from "node:crypto"
import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import {
  requestToken,
  SalesforceApiError,
  SalesforceConnectionOptions,
  validateConnectionOptions,
} from ".."

// jsforce's transport ignores NO_PROXY: loopback calls must not go to a proxy.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
  delete process.env[name]
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

describe("validateConnectionOptions", () => {
  const base = {
    loginUrl: "https://login.salesforce.com",
    clientId: "3MVG9-consumer-key",
  }

  it("accepts a complete set of options per flow", () => {
    const { privateKey } = crypto.generateKeyPairSync("rsa", {
      modulusLength: 1024,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    })
    expect(
      validateConnectionOptions({
        ...base,
        authFlow: "client_credentials",
        clientSecret: "s",
      })
    ).toEqual([])
    expect(
      validateConnectionOptions({
        ...base,
        authFlow: "jwt",
        username: "u@example.com",
        privateKey,
        audience: "https://test.salesforce.com",
      })
    ).toEqual([])
    expect(
      validateConnectionOptions({
        ...base,
        authFlow: "refresh_token",
        refreshToken: "5Aep",
      })
    ).toEqual([])
    expect(
      validateConnectionOptions({
        ...base,
        authFlow: "password",
        clientSecret: "s",
        username: "u",
        password: "p",
        apiVersion: "62.0",
        timeoutMs: 1000,
      })
    ).toEqual([])
    // The emulator listens on http loopback.
    expect(
      validateConnectionOptions({
        ...base,
        loginUrl: "http://127.0.0.1:4010",
        authFlow: "client_credentials",
        clientSecret: "s",
      })
    ).toEqual([])
  })

  it("names each missing or invalid option by its key, never its value", () => {
    expect(
      validateConnectionOptions({ ...base, authFlow: "client_credentials" })
    ).toEqual(["clientSecret is required when authFlow is client_credentials"])
    expect(validateConnectionOptions({ ...base, authFlow: "jwt" })).toEqual([
      "username is required when authFlow is jwt",
      "privateKey is required when authFlow is jwt",
    ])
    expect(
      validateConnectionOptions({
        ...base,
        authFlow: "jwt",
        username: "u",
        privateKey: "not-a-key-SECRET-123",
      })
    ).toEqual(["privateKey must be a PEM private key"])
    expect(
      validateConnectionOptions({ ...base, authFlow: "refresh_token" })
    ).toEqual(["refreshToken is required when authFlow is refresh_token"])
    expect(
      validateConnectionOptions({ ...base, authFlow: "password" })
    ).toEqual([
      "clientSecret is required when authFlow is password",
      "username is required when authFlow is password",
      "password is required when authFlow is password",
    ])
    const problems = validateConnectionOptions({
      loginUrl: "http://user:pw@login.example.com",
      authFlow: "oauth" as SalesforceConnectionOptions["authFlow"],
      apiVersion: "45.0",
      timeoutMs: -1,
    })
    expect(problems).toEqual([
      "loginUrl must use https (http only for a local emulator)",
      "clientId is required",
      "authFlow must be one of client_credentials, jwt, refresh_token, password",
      'apiVersion must look like "62.0" and be 46.0 or later',
      "timeoutMs must be a positive number of milliseconds",
    ])
    expect(problems.join(" ")).not.toContain("pw@")
    expect(validateConnectionOptions({})).toContain("loginUrl is required")
  })
})

describe("requestToken against the emulator", () => {
  const keys = crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  })
  let emu: EmulatorHandle
  let base: Pick<SalesforceConnectionOptions, "loginUrl" | "clientId">

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jwtCertificate: keys.publicKey })
    base = { loginUrl: emu.url, clientId: emu.clientId }
  })
  afterAll(() => emu.stop())

  function expectToken(token: Awaited<ReturnType<typeof requestToken>>) {
    expect(token).toEqual({
      accessToken: expect.stringMatching(/^00D\w+!/),
      instanceUrl: emu.url,
      identityUrl: `${emu.url}/id/${emu.orgId}/${emu.userId}`,
      issuedAt: expect.any(Number),
    })
    expect(Math.abs(token.issuedAt - Date.now())).toBeLessThan(60000)
  }

  it("logs in with client credentials", async () => {
    expectToken(
      await requestToken({
        ...base,
        authFlow: "client_credentials",
        clientSecret: emu.clientSecret,
      })
    )
    expect(emu.requestLog().byEndpoint["POST /services/oauth2/token"]).toBe(1)
  })

  it("logs in with a JWT bearer assertion signed by the private key", async () => {
    expectToken(
      await requestToken({
        ...base,
        authFlow: "jwt",
        username: emu.username,
        privateKey: keys.privateKey,
      })
    )
    // Salesforce's own audience, as a production org expects it.
    expectToken(
      await requestToken({
        ...base,
        authFlow: "jwt",
        username: emu.username,
        privateKey: keys.privateKey,
        audience: "https://login.salesforce.com",
      })
    )
  })

  it("logs in with a refresh token and with a password", async () => {
    expectToken(
      await requestToken({
        ...base,
        authFlow: "refresh_token",
        refreshToken: emu.issueRefreshToken(),
      })
    )
    expectToken(
      await requestToken({
        ...base,
        authFlow: "password",
        clientSecret: emu.clientSecret,
        username: emu.username,
        password: emu.password,
      })
    )
  })

  it("turns OAuth refusals into auth errors carrying the OAuth code", async () => {
    const wrongSecret = await rejection(
      requestToken({
        ...base,
        authFlow: "client_credentials",
        clientSecret: "wrong",
      })
    )
    expect(wrongSecret).toMatchObject({
      errorCode: "invalid_client",
      kind: "auth",
      status: 400,
    })

    const other = crypto.generateKeyPairSync("rsa", {
      modulusLength: 1024,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    })
    expect(
      await rejection(
        requestToken({
          ...base,
          authFlow: "jwt",
          username: emu.username,
          privateKey: other.privateKey,
        })
      )
    ).toMatchObject({ errorCode: "invalid_grant", kind: "auth" })

    expect(
      await rejection(
        requestToken({
          ...base,
          authFlow: "refresh_token",
          refreshToken: "5Aep-unknown",
        })
      )
    ).toMatchObject({ errorCode: "invalid_grant", kind: "auth" })
  })

  it("classifies a failing token endpoint by status and a closed port as transient", async () => {
    emu.injectFault({ path: "/services/oauth2/token", status: 503 })
    expect(
      await rejection(
        requestToken({
          ...base,
          authFlow: "client_credentials",
          clientSecret: emu.clientSecret,
        })
      )
    ).toMatchObject({
      // Salesforce answers the token endpoint's 503 in the OAuth shape: the code is its own, the status decides.
      errorCode: "unknown_error",
      kind: "transient",
      status: 503,
    })

    const closed = await startEmulator({ port: 0 })
    await closed.stop()
    expect(
      await rejection(
        requestToken({
          ...base,
          loginUrl: closed.url,
          authFlow: "client_credentials",
          clientSecret: emu.clientSecret,
        })
      )
    ).toMatchObject({ errorCode: "ECONNREFUSED", kind: "transient" })
  })

  it("refuses invalid options before calling anyone", async () => {
    emu.resetRequestLog()
    expect(
      await rejection(requestToken({ ...base, authFlow: "client_credentials" }))
    ).toMatchObject({ errorCode: "INVALID_OPTIONS", kind: "configuration" })
    expect(emu.requestLog().total).toBe(0)
  })
})
