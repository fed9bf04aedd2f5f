import jsforce, { Connection } from "jsforce"
import { EmulatorHandle, EmulatorOptions, startEmulator } from "../index"

// Shared by the emulator specs: jsforce ignores NO_PROXY, so proxies are switched off for loopback traffic.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
  delete process.env[name]
}

export const API_VERSION = "62.0"

export async function emulator(
  options: EmulatorOptions = {}
): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, ...options })
}

/** A connection that logs in with client credentials and does so again whenever its session expires. */
export async function clientCredentialsConnection(
  sf: EmulatorHandle
): Promise<Connection> {
  const conn = new jsforce.Connection({
    loginUrl: sf.url,
    instanceUrl: sf.url,
    version: API_VERSION,
    oauth2: {
      loginUrl: sf.url,
      clientId: sf.clientId,
      clientSecret: sf.clientSecret,
    },
    refreshFn: (c, callback) => {
      c.oauth2
        .requestToken({ grant_type: "client_credentials" })
        .then((res) => callback(undefined, res.access_token, res))
        .catch((error: Error) => callback(error))
    },
  })
  await conn.authorize({ grant_type: "client_credentials" })
  return conn
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(
  promise: PromiseLike<unknown>
): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise
  } catch (error) {
    return error as Error & { errorCode?: string; data?: unknown }
  }
  throw new Error("expected the call to fail")
}

/** Raw REST call with a bearer token, for answers jsforce would reshape. */
export async function raw(
  sf: EmulatorHandle,
  conn: Connection,
  method: string,
  path: string,
  body?: string,
  contentType = "application/json"
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const response = await fetch(`${sf.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${conn.accessToken}`,
      ...(body !== undefined ? { "Content-Type": contentType } : {}),
    },
    body,
  })
  const text = await response.text()
  let json: unknown = undefined
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, json, text }
}

export function invoice(n: number, extra: Record<string, unknown> = {}) {
  return {
    Medusa_Id__c: `inv_${n}`,
    Name: `INV-${String(n).padStart(5, "0")}`,
    Customer_Email__c: `customer${n}@example.com`,
    Currency__c: "EUR",
    Total__c: 100 + n,
    Document_Type__c: "Invoice",
    ...extra,
  }
}

/** Polls until fn returns something other than undefined (a condition, never a fixed sleep). */
export async function eventually<T>(
  fn: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await fn()
    if (value !== undefined) {
      return value
    }
    if (Date.now() > end) {
      throw new Error("condition not met in time")
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
