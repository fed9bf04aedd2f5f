import crypto from "node:crypto"
import { Transport } from "jsforce/lib/transport"
import { SalesforceApiError, toSalesforceApiError } from "./errors"
import { assertTrustedUrl } from "./hosts"
import { redactSecrets } from "./redact"

// Tokens for each OAuth flow a store uses, straight from Salesforce's token endpoint. jsforce 3.10.16 has no
// client_credentials flow and its OAuth2 class loses the HTTP status and the REST error shape, so the request is
// made here, over jsforce's own transport (same proxy settings and timeouts as the data calls).

export type SalesforceAuthFlow =
  "client_credentials" | "jwt" | "refresh_token" | "password"

export type SalesforceConnectionOptions = {
  /** https://login.salesforce.com, https://test.salesforce.com or the org's My Domain URL. */
  loginUrl: string
  authFlow: SalesforceAuthFlow
  /** Consumer key of the Connected App / External Client App. */
  clientId: string
  clientSecret?: string
  /** Integration user: the JWT subject, or the login of the password flow. */
  username?: string
  /** Password flow only: the password with the user's security token appended, as Salesforce expects. */
  password?: string
  /** JWT flow: PEM private key whose certificate is uploaded to the app. */
  privateKey?: string
  /** JWT `aud`; Salesforce wants https://login.salesforce.com or https://test.salesforce.com. Default loginUrl. */
  audience?: string
  refreshToken?: string
  /** Default "62.0"; 46.0 or later, for upserts through sObject collections. */
  apiVersion?: string
  /** ms; default 30000 */
  timeoutMs?: number
}

export type SalesforceToken = {
  accessToken: string
  instanceUrl: string
  identityUrl: string
  /** ms since the epoch, as Salesforce reports it. */
  issuedAt: number
}

export const DEFAULT_API_VERSION = "62.0"
export const DEFAULT_TIMEOUT_MS = 30000

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
// Salesforce accepts an assertion for at most 3 minutes.
const JWT_LIFETIME_SECONDS = 180
const FLOWS: SalesforceAuthFlow[] = [
  "client_credentials",
  "jwt",
  "refresh_token",
  "password",
]

/** Option keys each flow needs, besides loginUrl, authFlow and clientId. */
const REQUIRED: Record<
  SalesforceAuthFlow,
  (keyof SalesforceConnectionOptions)[]
> = {
  client_credentials: ["clientSecret"],
  jwt: ["username", "privateKey"],
  refresh_token: ["refreshToken"],
  password: ["clientSecret", "username", "password"],
}

function present(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== ""
}

/** An option validateConnectionOptions has already required for the flow; throws if it is missing all the same. */
function option(
  options: SalesforceConnectionOptions,
  key: "clientSecret" | "username" | "password" | "privateKey" | "refreshToken"
): string {
  const value = options[key]
  if (!present(value)) {
    throw new SalesforceApiError({
      errorCode: "INVALID_OPTIONS",
      kind: "configuration",
      message: `${key} is required when authFlow is ${options.authFlow}`,
    })
  }
  return value
}

/** Shape to read a parsed JSON body from: every field unknown until checked where it is used. */
function jsonObject<T extends Record<string, unknown>>(json: unknown): T {
  // The cast only names fields that may be there; each is type-checked before use, so nothing is assumed.
  return (typeof json === "object" && json !== null ? json : {}) as T
}

/** A URL Salesforce could answer on: https, or http on loopback for the emulator. Never echoes the value. */
function urlProblem(key: string, value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `${key} must be an absolute URL`
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return `${key} must use https (http only for a local emulator)`
  }
  if (url.username || url.password) {
    return `${key} must not carry credentials`
  }
  return undefined
}

/**
 * Which options are missing or invalid for the chosen flow, as "clientSecret is required when authFlow is client_credentials"
 * style messages naming the option key. Empty when fine. Messages never contain option values.
 */
export function validateConnectionOptions(
  options: Partial<SalesforceConnectionOptions>
): string[] {
  const problems: string[] = []
  if (!present(options.loginUrl)) {
    problems.push("loginUrl is required")
  } else {
    const problem = urlProblem("loginUrl", options.loginUrl)
    if (problem) {
      problems.push(problem)
    }
  }
  if (!present(options.clientId)) {
    problems.push("clientId is required")
  }
  const flow = options.authFlow
  if (!flow || !FLOWS.includes(flow)) {
    problems.push(`authFlow must be one of ${FLOWS.join(", ")}`)
  } else {
    for (const key of REQUIRED[flow]) {
      if (!present(options[key])) {
        problems.push(`${key} is required when authFlow is ${flow}`)
      }
    }
    if (flow === "jwt" && present(options.privateKey)) {
      try {
        crypto.createPrivateKey(options.privateKey)
      } catch {
        problems.push("privateKey must be a PEM private key")
      }
    }
  }
  if (options.audience !== undefined) {
    const problem = urlProblem("audience", options.audience)
    if (problem) {
      problems.push(problem)
    }
  }
  if (options.apiVersion !== undefined) {
    const match = /^(\d{2,3})\.0$/.exec(options.apiVersion)
    if (!match || Number(match[1]) < 46) {
      problems.push('apiVersion must look like "62.0" and be 46.0 or later')
    }
  }
  if (
    options.timeoutMs !== undefined &&
    !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)
  ) {
    problems.push("timeoutMs must be a positive number of milliseconds")
  }
  return problems
}

/** Everything of the options that must never appear in a message. */
export function secretsOf(options: Partial<SalesforceConnectionOptions>) {
  return [
    options.clientSecret,
    options.password,
    options.refreshToken,
    options.privateKey,
  ]
}

function signAssertion(options: SalesforceConnectionOptions): string {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString("base64url")
  const privateKey = option(options, "privateKey")
  const claims = {
    iss: options.clientId,
    sub: option(options, "username"),
    aud: options.audience ?? options.loginUrl,
    exp: Math.floor(Date.now() / 1000) + JWT_LIFETIME_SECONDS,
  }
  const input = `${encode({ alg: "RS256" })}.${encode(claims)}`
  try {
    const signature = crypto.sign("RSA-SHA256", Buffer.from(input), privateKey)
    return `${input}.${signature.toString("base64url")}`
  } catch {
    // OpenSSL's message says nothing useful and the key must not leak into one.
    throw new SalesforceApiError({
      errorCode: "INVALID_PRIVATE_KEY",
      kind: "configuration",
      message: "privateKey could not sign the JWT assertion",
    })
  }
}

function grantParams(
  options: SalesforceConnectionOptions
): Record<string, string> {
  const client: Record<string, string> = { client_id: options.clientId }
  if (options.clientSecret) {
    client.client_secret = options.clientSecret
  }
  switch (options.authFlow) {
    case "client_credentials":
      return { grant_type: "client_credentials", ...client }
    case "jwt":
      return { grant_type: JWT_BEARER, assertion: signAssertion(options) }
    case "refresh_token":
      return {
        grant_type: "refresh_token",
        refresh_token: option(options, "refreshToken"),
        ...client,
      }
    case "password":
      return {
        grant_type: "password",
        username: option(options, "username"),
        password: option(options, "password"),
        ...client,
      }
  }
}

function tokenUrl(loginUrl: string): string {
  return `${loginUrl.replace(/\/+$/, "")}/services/oauth2/token`
}

/** Parsed JSON, or undefined for HTML error pages and the like. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

type TokenBody = {
  access_token?: unknown
  instance_url?: unknown
  id?: unknown
  issued_at?: unknown
}
type OAuthErrorBody = { error?: unknown; error_description?: unknown }

function tokenError(
  status: number,
  body: string,
  secrets: (string | undefined)[]
): SalesforceApiError {
  const json = parseJson(body)
  const oauth = jsonObject<OAuthErrorBody>(json)
  if (typeof oauth.error === "string") {
    // The token endpoint's own refusals (4xx) are all about credentials, whatever the code; a 5xx or 429 in the
    // same shape ("unknown_error", "retry your request") is Salesforce being unavailable: worth a retry.
    const unavailable = status >= 500 || status === 429
    return new SalesforceApiError({
      errorCode: oauth.error,
      kind: unavailable ? "transient" : "auth",
      message: redactSecrets(
        String(oauth.error_description ?? oauth.error),
        secrets
      ),
      status,
    })
  }
  // REST-shaped arrays (gateways, the emulator's fault injection) and bare pages: classify by code and status.
  return toSalesforceApiError(
    Array.isArray(json)
      ? { errorCode: json[0]?.errorCode, message: json[0]?.message, data: json }
      : { errorCode: `ERROR_HTTP_${status}`, message: body },
    { secrets, status }
  )
}

/** An access token for the configured flow. Failures are SalesforceApiError; OAuth refusals have kind "auth". */
export async function requestToken(
  options: SalesforceConnectionOptions
): Promise<SalesforceToken> {
  const problems = validateConnectionOptions(options)
  if (problems.length) {
    throw new SalesforceApiError({
      errorCode: "INVALID_OPTIONS",
      kind: "configuration",
      message: `Invalid Salesforce connection options: ${problems.join("; ")}`,
    })
  }
  const secrets = secretsOf(options)
  let response: { statusCode: number; body: string }
  try {
    response = await new Transport().httpRequest(
      {
        method: "POST",
        url: tokenUrl(options.loginUrl),
        body: new URLSearchParams(grantParams(options)).toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
      },
      { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }
    )
  } catch (error) {
    throw toSalesforceApiError(error, { secrets })
  }
  if (response.statusCode >= 400) {
    throw tokenError(response.statusCode, response.body, secrets)
  }
  const token = jsonObject<TokenBody>(parseJson(response.body))
  if (
    typeof token.access_token !== "string" ||
    typeof token.instance_url !== "string"
  ) {
    throw new SalesforceApiError({
      errorCode: "INVALID_TOKEN_RESPONSE",
      kind: "auth",
      message: "Salesforce's token endpoint answered without a token",
      status: response.statusCode,
    })
  }
  // Checked before the token is used anywhere: every data call goes to instance_url with it.
  assertTrustedUrl(
    "the instance_url of Salesforce's token answer",
    token.instance_url,
    options.loginUrl
  )
  const identityUrl = typeof token.id === "string" ? token.id : ""
  if (identityUrl) {
    assertTrustedUrl(
      "the identity URL of Salesforce's token answer",
      identityUrl,
      options.loginUrl
    )
  }
  return {
    accessToken: token.access_token,
    instanceUrl: token.instance_url.replace(/\/+$/, ""),
    identityUrl,
    issuedAt: Number(token.issued_at) || Date.now(),
  }
}
