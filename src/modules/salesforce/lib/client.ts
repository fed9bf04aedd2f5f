import { AsyncLocalStorage } from "node:async_hooks"
import {
  Connection,
  HttpRequest,
  HttpRequestOptions,
  HttpResponse,
  StreamPromise,
} from "jsforce"
import { Transport } from "jsforce/lib/transport"
import {
  DEFAULT_API_VERSION,
  DEFAULT_TIMEOUT_MS,
  requestToken,
  SalesforceConnectionOptions,
  SalesforceToken,
  secretsOf,
  validateConnectionOptions,
} from "./auth"
import {
  SalesforceApiError,
  SalesforceFieldError,
  toSalesforceApiError,
} from "./errors"

// One small client around jsforce: logs in lazily with our own token requests, keeps one Connection, guards
// jsforce's session refresh against loops, and answers in our types. Every failure leaves as a SalesforceApiError.

export type RecordResult = {
  id?: string
  success: boolean
  created?: boolean
  errors: SalesforceFieldError[]
}

export type SalesforceIdentity = {
  organizationId: string
  userId: string
  username: string
  instanceUrl: string
}

export type SalesforceClientTuning = {
  /** How long token requests are refused after one failed for credentials. Default 30 s. */
  refreshCooldownMs?: number
}

/** sObject collections take at most 200 records a call. */
export const MAX_RECORDS_PER_CALL = 200
const DEFAULT_REFRESH_COOLDOWN_MS = 30000
// jsforce retries idempotent calls (GET, DELETE) on 5xx and resets itself, 5 times by default (about 15 s of
// backoff); two keep one call short and leave the retry policy to the sync, which knows the whole job.
const TRANSPORT_RETRIES = 2
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/
const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/

/** State of one jsforce call (one request and its replay), shared with the refresh function and the transport. */
type CallScope = {
  refreshed: boolean
  refreshError?: SalesforceApiError
  status?: number
}

/** jsforce's transport with this client's timeout and retry budget, reporting each answer's status to the call. */
class ClientTransport extends Transport {
  constructor(
    private readonly timeoutMs: number,
    private readonly onStatus: (status: number | undefined) => void
  ) {
    super()
  }

  httpRequest(
    req: HttpRequest,
    options: HttpRequestOptions = {}
  ): StreamPromise<HttpResponse> {
    this.onStatus(undefined)
    const pending = super.httpRequest(req, {
      ...options,
      timeout: this.timeoutMs,
      retry: { maxRetries: TRANSPORT_RETRIES, ...options.retry },
    })
    // A second subscriber only to read the status; jsforce awaits `pending` itself and sees its rejection.
    pending.then(
      (response) => this.onStatus(response.statusCode),
      () => undefined
    )
    return pending
  }
}

type RawRecordResult = {
  id?: unknown
  success?: unknown
  created?: unknown
  errors?: unknown
}
type RawFieldError = {
  statusCode?: unknown
  errorCode?: unknown
  message?: unknown
  fields?: unknown
}

function toRecordResult(raw: unknown): RecordResult {
  // Only a shape to read from: each field is type-checked below.
  const result = (
    typeof raw === "object" && raw !== null ? raw : {}
  ) as RawRecordResult
  const errors = Array.isArray(result.errors) ? result.errors : []
  return {
    ...(typeof result.id === "string" ? { id: result.id } : {}),
    success: result.success === true,
    // Only a saved record was created or not; some answers flag failures created: false too.
    ...(result.success === true && typeof result.created === "boolean"
      ? { created: result.created }
      : {}),
    errors: errors.map((e: RawFieldError) => ({
      // Collections say statusCode; jsforce's own per-record fallbacks say errorCode.
      statusCode: String(e.statusCode ?? e.errorCode ?? "UNKNOWN_ERROR"),
      message: String(e.message ?? ""),
      fields: Array.isArray(e.fields) ? e.fields.map(String) : [],
    })),
  }
}

function checkApiName(kind: string, name: string): void {
  if (!API_NAME.test(name)) {
    throw new SalesforceApiError({
      errorCode: kind === "object" ? "INVALID_TYPE" : "INVALID_FIELD",
      kind: "configuration",
      message: `${name} is not a valid Salesforce ${kind} name`,
    })
  }
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += MAX_RECORDS_PER_CALL) {
    result.push(items.slice(i, i + MAX_RECORDS_PER_CALL))
  }
  return result
}

type QueryPage<T> = { records: T[]; done: boolean; nextRecordsUrl?: string }
type IdentityBody = {
  organization_id?: unknown
  user_id?: unknown
  username?: unknown
}

export class SalesforceClient {
  private readonly options: SalesforceConnectionOptions
  private readonly version: string
  private readonly timeoutMs: number
  private readonly cooldownMs: number
  private readonly calls = new AsyncLocalStorage<CallScope>()
  private session: { conn: Connection; token: SalesforceToken } | null = null
  private loggingIn: Promise<Connection> | null = null
  /** Bumped by reset(), so a login still under way when it is called does not bring the old session back. */
  private generation = 0
  /** Set when a token request failed for credentials: until `until`, token requests are refused without a call. */
  private breaker: { until: number; error: SalesforceApiError } | null = null
  /** Why the last token request failed, for callers jsforce hands only a wrapped message. */
  private lastTokenFailure: SalesforceApiError | null = null
  /** Access tokens this client held, to scrub them from messages. */
  private readonly accessTokens: string[] = []

  /** Throws an Error listing what validateConnectionOptions finds wrong (never the values). */
  constructor(
    options: SalesforceConnectionOptions,
    tuning: SalesforceClientTuning = {}
  ) {
    const problems = validateConnectionOptions(options)
    if (problems.length) {
      throw new Error(
        `Invalid Salesforce connection options: ${problems.join("; ")}`
      )
    }
    this.options = { ...options }
    this.version = options.apiVersion ?? DEFAULT_API_VERSION
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.cooldownMs = tuning.refreshCooldownMs ?? DEFAULT_REFRESH_COOLDOWN_MS
  }

  /**
   * Upserts by external ID in calls of at most 200 records, one after another, with allOrNone false: results come
   * in input order, a record's failure is in its result. A whole-call failure throws, and the records of earlier
   * calls stay written (safe to repeat: every record is keyed by its external ID).
   */
  async upsert(
    sobject: string,
    externalIdField: string,
    records: Record<string, unknown>[]
  ): Promise<RecordResult[]> {
    checkApiName("object", sobject)
    checkApiName("field", externalIdField)
    const missing = records.findIndex(
      (r) =>
        r[externalIdField] === undefined ||
        r[externalIdField] === null ||
        r[externalIdField] === ""
    )
    if (missing >= 0) {
      // jsforce would throw a bare Error for the whole batch; say which record instead.
      throw new SalesforceApiError({
        errorCode: "MISSING_EXTERNAL_ID",
        kind: "data",
        fields: [externalIdField],
        message: `record ${missing} of ${sobject} has no ${externalIdField}`,
      })
    }
    return this.inChunks(records, (conn, chunk) =>
      conn.upsert(sobject, chunk, externalIdField, { allOrNone: false })
    )
  }

  /** Creates in calls of at most 200 records, allOrNone false; results in input order. */
  async create(
    sobject: string,
    records: Record<string, unknown>[]
  ): Promise<RecordResult[]> {
    checkApiName("object", sobject)
    const results = await this.inChunks(records, (conn, chunk) =>
      conn.create(sobject, chunk, { allOrNone: false })
    )
    // A successful create always creates; collections leave the flag out.
    return results.map((r) => (r.success ? { ...r, created: true } : r))
  }

  /** Deletes by id in calls of at most 200, allOrNone false; results in input order. */
  async destroy(sobject: string, ids: string[]): Promise<RecordResult[]> {
    checkApiName("object", sobject)
    const malformed = ids.find((id) => !RECORD_ID.test(id))
    if (malformed !== undefined) {
      // jsforce puts ids in the query string unescaped.
      throw new SalesforceApiError({
        errorCode: "MALFORMED_ID",
        kind: "data",
        message: `${JSON.stringify(malformed)} is not a Salesforce record id`,
      })
    }
    return this.inChunks(ids, (conn, chunk) =>
      conn.destroy(sobject, chunk, { allOrNone: false })
    )
  }

  /** All rows of a SOQL query, following nextRecordsUrl page by page (each page is one API call). */
  async query<T = Record<string, unknown>>(soql: string): Promise<T[]> {
    return this.queryPages<T>(`/query?q=${encodeURIComponent(soql)}`)
  }

  private async queryPages<T>(url: string): Promise<T[]> {
    let page = await this.call((conn) => conn.request<QueryPage<T>>(url))
    const records = [...page.records]
    const seen = new Set<string>()
    while (!page.done && page.nextRecordsUrl) {
      const next: string = page.nextRecordsUrl
      if (seen.has(next)) {
        throw new SalesforceApiError({
          errorCode: "UNEXPECTED_RESPONSE",
          message: "Salesforce answered the same query page twice",
        })
      }
      seen.add(next)
      page = await this.call((conn) => conn.request<QueryPage<T>>(next))
      records.push(...page.records)
    }
    return records
  }

  /** Like query, but also sees deleted records still in the recycle bin (REST queryAll). */
  async queryAll<T = Record<string, unknown>>(soql: string): Promise<T[]> {
    return this.queryPages<T>(`/queryAll?q=${encodeURIComponent(soql)}`)
  }

  /** The fields of an sObject as describe() reports them (one API call); NOT_FOUND when the object is unknown. */
  async describeFields(sobject: string): Promise<
    {
      name: string
      type: string
      createable: boolean
      updateable: boolean
    }[]
  > {
    checkApiName("object", sobject)
    const described = await this.call((conn) =>
      conn.sobject(sobject).describe()
    )
    return described.fields.map((f) => ({
      name: f.name,
      type: f.type,
      createable: f.createable,
      updateable: f.updateable,
    }))
  }

  /** Org, user and instance of the session (the identity URL is not a REST call: no API budget). */
  async identity(): Promise<SalesforceIdentity> {
    const read = () =>
      this.call(async (conn) => {
        const url =
          this.session?.token.identityUrl ||
          (await conn.request<{ identity: string }>("/")).identity
        // Bearer header rather than jsforce's identity(), which puts the access token in the URL.
        return conn.request<IdentityBody>({
          method: "GET",
          url,
          headers: { accept: "application/json" },
        })
      })
    let body: IdentityBody
    try {
      body = await read()
    } catch (error) {
      // The identity URL answers an expired token with 403 Bad_OAuth_Token, which jsforce does not refresh on.
      if (
        error instanceof SalesforceApiError &&
        error.status === 403 &&
        /Bad_OAuth_Token/.test(error.message)
      ) {
        await this.refreshNow()
        body = await read()
      } else {
        throw error
      }
    }
    return {
      organizationId: String(body.organization_id ?? ""),
      userId: String(body.user_id ?? ""),
      username: String(body.username ?? ""),
      instanceUrl: this.instanceUrl() ?? "",
    }
  }

  /** Fresh `/limits` DailyApiRequests {used, limit} (one API call). */
  async limits(): Promise<{ used: number; limit: number }> {
    const limits = await this.call((conn) => conn.limits())
    const daily = limits.DailyApiRequests
    if (!daily) {
      throw new SalesforceApiError({
        errorCode: "UNEXPECTED_RESPONSE",
        message: "Salesforce's /limits has no DailyApiRequests",
      })
    }
    return { used: daily.Max - daily.Remaining, limit: daily.Max }
  }

  /** Last known API usage from the Sforce-Limit-Info header of the last answer, without a call. */
  apiUsage(): { used: number; limit: number } | null {
    const usage = this.session?.conn.limitInfo.apiUsage
    return usage ? { used: usage.used, limit: usage.limit } : null
  }

  instanceUrl(): string | null {
    return this.session?.token.instanceUrl ?? null
  }

  apiVersion(): string {
    return this.version
  }

  /** `<instance>/lightning/r/<Object>/<Id>/view`; needs the instance URL, known once the client has logged in. */
  recordUrl(sobject: string, id: string): string {
    const instance = this.instanceUrl()
    if (!instance) {
      throw new Error(
        "recordUrl needs the instance URL: make a Salesforce call first"
      )
    }
    return `${instance}/lightning/r/${encodeURIComponent(sobject)}/${encodeURIComponent(id)}/view`
  }

  /** Forget the session and any refused login: the next call logs in again. */
  reset(): void {
    this.generation += 1
    this.session = null
    this.loggingIn = null
    this.breaker = null
  }

  private async inChunks<T>(
    items: T[],
    send: (conn: Connection, chunk: T[]) => Promise<unknown>
  ): Promise<RecordResult[]> {
    const results: RecordResult[] = []
    for (const chunk of chunks(items)) {
      const answer = await this.call((conn) => send(conn, chunk))
      if (!Array.isArray(answer) || answer.length !== chunk.length) {
        // Results are matched to records by position: a short answer would pair them wrongly.
        throw new SalesforceApiError({
          errorCode: "UNEXPECTED_RESPONSE",
          message: `Salesforce answered ${Array.isArray(answer) ? answer.length : "no"} results for ${chunk.length} records`,
        })
      }
      results.push(...answer.map(toRecordResult))
    }
    return results
  }

  /**
   * Runs one jsforce call in its own scope, so its refresh is counted, within timeoutMs, and maps whatever it
   * throws. The deadline is ours: jsforce's own timeout ends at the response headers, and jsforce 3.10.16 never
   * settles a call whose body is cut short (it pipes the body without an error handler).
   */
  private async call<T>(
    operation: (conn: Connection) => Promise<T>
  ): Promise<T> {
    const scope: CallScope = { refreshed: false }
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SalesforceApiError({
              errorCode: "ETIMEDOUT",
              message: `Salesforce did not answer within ${this.timeoutMs} ms`,
            })
          ),
        this.timeoutMs
      )
    })
    try {
      // The login is inside the deadline too: a token endpoint can stall like any other.
      return await Promise.race([
        this.calls.run(scope, async () => operation(await this.connection())),
        deadline,
      ])
    } catch (error) {
      throw this.failure(error, scope)
    } finally {
      clearTimeout(timer)
    }
  }

  private failure(error: unknown, scope: CallScope): SalesforceApiError {
    if (scope.refreshError) {
      return scope.refreshError
    }
    // jsforce wraps a failed refresh in a bare Error that drops its code: answer with the token request's own error.
    if (
      error instanceof Error &&
      error.message.startsWith("Unable to refresh session")
    ) {
      return (
        this.lastTokenFailure ??
        new SalesforceApiError({
          errorCode: "INVALID_SESSION_ID",
          kind: "auth",
          message: "Salesforce ended the session and it could not be renewed",
          status: 401,
        })
      )
    }
    const mapped = toSalesforceApiError(error, {
      secrets: this.secrets(),
      status: scope.status,
    })
    if (mapped.errorCode === "ETIMEDOUT" && scope.status === undefined) {
      return new SalesforceApiError({
        errorCode: mapped.errorCode,
        message: `Salesforce did not answer within ${this.timeoutMs} ms`,
      })
    }
    return mapped
  }

  private secrets(): (string | undefined)[] {
    return [...secretsOf(this.options), ...this.accessTokens]
  }

  private async connection(): Promise<Connection> {
    if (this.session) {
      return this.session.conn
    }
    this.loggingIn ??= this.logIn()
    return this.loggingIn
  }

  private async logIn(): Promise<Connection> {
    const generation = this.generation
    try {
      const token = await this.obtainToken()
      const conn = new Connection({
        loginUrl: this.options.loginUrl,
        instanceUrl: token.instanceUrl,
        accessToken: token.accessToken,
        version: this.version,
        refreshFn: (c, callback) => this.refresh(c, callback),
      })
      // Declared in jsforce's typings though underscored: the one way to give a Connection its timeout and to
      // see the status of failed answers, which HttpApiError drops.
      conn._transport = new ClientTransport(this.timeoutMs, (status) => {
        const scope = this.calls.getStore()
        if (scope) {
          scope.status = status
        }
      })
      if (generation === this.generation) {
        this.session = { conn, token }
      }
      return conn
    } finally {
      if (generation === this.generation) {
        this.loggingIn = null
      }
    }
  }

  /**
   * jsforce's refreshFn, called on a 401: one refresh per call. A second 401 after it means the new session is
   * refused too (jsforce would refresh forever), so it fails with kind "auth" and opens the breaker.
   */
  private refresh(
    conn: Connection,
    callback: (error: Error | null, accessToken?: string) => void
  ): void {
    const scope = this.calls.getStore()
    if (scope?.refreshed) {
      const error = new SalesforceApiError({
        errorCode: "INVALID_SESSION_ID",
        kind: "auth",
        message: "Salesforce refused the session it had just issued",
        status: 401,
      })
      this.breaker = { until: Date.now() + this.cooldownMs, error }
      scope.refreshError = error
      callback(error)
      return
    }
    if (scope) {
      scope.refreshed = true
    }
    this.obtainToken().then(
      (token) => {
        this.adopt(conn, token)
        callback(null, token.accessToken)
      },
      (error: SalesforceApiError) => {
        if (scope) {
          scope.refreshError = error
        }
        callback(error)
      }
    )
  }

  /** A new token now, for answers jsforce does not treat as an expired session. */
  private async refreshNow(): Promise<void> {
    const conn = await this.connection()
    const token = await this.obtainToken()
    this.adopt(conn, token)
    conn.accessToken = token.accessToken
  }

  private adopt(conn: Connection, token: SalesforceToken): void {
    if (this.session?.conn === conn) {
      this.session.token = token
    }
    conn.instanceUrl = token.instanceUrl
  }

  /** requestToken behind the breaker: after a refusal for credentials, no token request for the cool-down. */
  private async obtainToken(): Promise<SalesforceToken> {
    const open = this.breaker
    if (open && Date.now() < open.until) {
      const seconds = Math.ceil((open.until - Date.now()) / 1000)
      throw new SalesforceApiError({
        errorCode: open.error.errorCode,
        kind: "auth",
        message: `${open.error.message} (login not retried for another ${seconds} s)`,
        status: open.error.status,
      })
    }
    try {
      const token = await requestToken(this.options)
      this.breaker = null
      this.remember(token.accessToken)
      return token
    } catch (error) {
      const failure = toSalesforceApiError(error, { secrets: this.secrets() })
      this.lastTokenFailure = failure
      if (failure.kind === "auth") {
        this.breaker = { until: Date.now() + this.cooldownMs, error: failure }
      }
      throw failure
    }
  }

  private remember(accessToken: string): void {
    this.accessTokens.unshift(accessToken)
    this.accessTokens.length = Math.min(this.accessTokens.length, 3)
  }
}
