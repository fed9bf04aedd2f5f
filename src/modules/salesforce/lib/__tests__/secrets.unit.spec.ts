import crypto from "node:crypto"
import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import {
  requestToken,
  SalesforceApiError,
  SalesforceClient,
  SalesforceConnectionOptions,
} from ".."

// jsforce's transport ignores NO_PROXY: loopback calls must not go to a proxy.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
  delete process.env[name]
}

// Distinctive values, so a leak anywhere in an error is found by a plain substring search.
const CLIENT_SECRET = "cs-LEAKCHECK-7f3a9c"
const PASSWORD = "pw-LEAKCHECK-2b8d4e"
const REFRESH_TOKEN = "5Aep-LEAKCHECK-rt-91c0"
const { privateKey: PRIVATE_KEY } = crypto.generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
})
// Any line of the key body would be a leak, not only the whole PEM.
const KEY_LINES = PRIVATE_KEY.split("\n").filter((line) => line.length > 40)
// Salesforce-shaped access tokens: <org id>!<opaque>.
const ACCESS_TOKEN = /00D\w{12,15}![\w.-]{10,}/

function expectNoSecret(error: unknown) {
  expect(error).toBeInstanceOf(SalesforceApiError)
  const e = error as SalesforceApiError
  const text = [e.message, e.stack, JSON.stringify(e), String(e)].join("\n")
  for (const secret of [CLIENT_SECRET, PASSWORD, REFRESH_TOKEN, ...KEY_LINES]) {
    expect(text).not.toContain(secret)
  }
  expect(text).not.toMatch(ACCESS_TOKEN)
  // Nothing else rides along on the error, such as the original error or its request.
  for (const key of Object.keys(e)) {
    expect(["errorCode", "fields", "kind", "name", "status"]).toContain(key)
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

describe("secrets never leave in errors", () => {
  let emu: EmulatorHandle
  let closedUrl: string

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
    const closed = await startEmulator({ port: 0 })
    closedUrl = closed.url
    await closed.stop()
  })
  afterAll(() => emu.stop())

  const flows = (
    loginUrl: () => string
  ): [string, () => SalesforceConnectionOptions][] => [
    [
      "client_credentials",
      () => ({
        loginUrl: loginUrl(),
        authFlow: "client_credentials",
        clientId: emu.clientId,
        clientSecret: CLIENT_SECRET,
      }),
    ],
    [
      "password",
      () => ({
        loginUrl: loginUrl(),
        authFlow: "password",
        clientId: emu.clientId,
        clientSecret: CLIENT_SECRET,
        username: emu.username,
        password: PASSWORD,
      }),
    ],
    [
      "refresh_token",
      () => ({
        loginUrl: loginUrl(),
        authFlow: "refresh_token",
        clientId: emu.clientId,
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
      }),
    ],
    [
      "jwt",
      () => ({
        loginUrl: loginUrl(),
        authFlow: "jwt",
        clientId: emu.clientId,
        username: emu.username,
        privateKey: PRIVATE_KEY,
      }),
    ],
  ]

  it.each(flows(() => emu.url))(
    "%s refused by Salesforce",
    async (_flow, options) => {
      const error = await failure(requestToken(options()))
      expect(error).toMatchObject({ kind: "auth" })
      expectNoSecret(error)
      expectNoSecret(
        await failure(
          new SalesforceClient(options()).query("SELECT Id FROM User")
        )
      )
    }
  )

  it.each(flows(() => closedUrl))(
    "%s with Salesforce unreachable",
    async (_flow, options) => {
      const error = await failure(requestToken(options()))
      expect(error).toMatchObject({ errorCode: "ECONNREFUSED" })
      expectNoSecret(error)
    }
  )

  it("keeps the access token out of errors of a live session", async () => {
    const other = await startEmulator({ port: 0 })
    const client = new SalesforceClient({
      loginUrl: other.url,
      authFlow: "client_credentials",
      clientId: other.clientId,
      clientSecret: other.clientSecret,
    })
    await client.identity()
    other.injectFault({
      path: "/query",
      status: 400,
      errorCode: "MALFORMED_QUERY",
    })
    expectNoSecret(await failure(client.query("SELECT Id FROM User")))
    await other.stop()
    // The identity call goes to the identity URL with the token in a header, never in the URL of an error.
    expectNoSecret(await failure(client.identity()))
    expectNoSecret(await failure(client.query("SELECT Id FROM User")))
  })

  it("names options, not values, when they are refused", () => {
    let message = ""
    try {
      new SalesforceClient({
        loginUrl: "ftp://x",
        authFlow: "jwt",
        clientId: "id",
        username: "u",
        privateKey: `not a key ${PASSWORD}`,
      })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain("privateKey must be a PEM private key")
    expect(message).not.toContain(PASSWORD)
  })
})
