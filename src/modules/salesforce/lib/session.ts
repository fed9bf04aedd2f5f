// The SESSION with Salesforce: logs in lazily with our own token requests, keeps one jsforce Connection, guards
// jsforce's session refresh against loops (one refresh per call, a cool-down after refused credentials), and runs
// every call within our deadline, mapping whatever it throws to a SalesforceApiError. A cache of this process:
// nothing an API answer depends on lives only here (record URLs are stored with the attempts).
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
import { SalesforceApiError, toSalesforceApiError } from "./errors"
import { KnownTokens, redactSecrets } from "./redact"

export type SalesforceClientTuning = {
  /** How long token requests are refused after one failed for credentials. Default 30 s. */
  refreshCooldownMs?: number
}

const DEFAULT_REFRESH_COOLDOWN_MS = 30000
// jsforce retries idempotent calls (GET, DELETE) on 5xx and resets itself, 5 times by default (about 15 s of
// backoff); two keep one call short and leave the retry policy to the sync, which knows the whole job.
const TRANSPORT_RETRIES = 2

/** State of one jsforce call (one request and its replay), shared with the refresh function and the transport. */
type CallScope = {
  refreshed: boolean
  refreshError?: SalesforceApiError
  status?: number
}

/**
 * What a caller learns of the REST calls made on its behalf (see SalesforceSession.metered): how many Salesforce
 * answered, and the org's usage as the last answer's Sforce-Limit-Info header said.
 */
export type ApiMeter = {
  calls: number
  usage: { used: number; limit: number } | null
}

const LIMIT_INFO = /api-usage=(\d+)\/(\d+)/

/** jsforce's transport with this client's timeout and retry budget, reporting each answer to the call. */
class ClientTransport extends Transport {
  constructor(
    private readonly timeoutMs: number,
    private readonly onStatus: (status: number | undefined) => void,
    private readonly onAnswer: (
      req: HttpRequest,
      response: HttpResponse
    ) => void
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
      (response) => {
        this.onStatus(response.statusCode)
        this.onAnswer(req, response)
      },
      () => undefined
    )
    return pending
  }
}

export class SalesforceSession {
  private readonly options: SalesforceConnectionOptions
  private readonly version: string
  private readonly timeoutMs: number
  private readonly cooldownMs: number
  private readonly calls = new AsyncLocalStorage<CallScope>()
  private readonly meters = new AsyncLocalStorage<ApiMeter>()
  private current: { conn: Connection; token: SalesforceToken } | null = null
  private loggingIn: Promise<Connection> | null = null
  /** Bumped by reset(), so a login still under way when it is called does not bring the old session back. */
  private generation = 0
  /** Set when a token request failed for credentials: until `until`, token requests are refused without a call. */
  private breaker: { until: number; error: SalesforceApiError } | null = null
  /** Why the last token request failed, for callers jsforce hands only a wrapped message. */
  private lastTokenFailure: SalesforceApiError | null = null
  /** Access tokens this client held, to scrub them from messages. */
  private readonly accessTokens = new KnownTokens()

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

  /** The identity URL of the current token, when one is held. */
  identityUrl(): string | null {
    return this.current?.token.identityUrl || null
  }

  /** Last known API usage from the Sforce-Limit-Info header of the last answer, without a call. */
  apiUsage(): { used: number; limit: number } | null {
    const usage = this.current?.conn.limitInfo.apiUsage
    return usage ? { used: usage.used, limit: usage.limit } : null
  }

  instanceUrl(): string | null {
    return this.current?.token.instanceUrl ?? null
  }

  /**
   * Runs `work` with `meter` counting every REST call (`/services/data/...`, what Salesforce counts against the
   * daily limit; not token or identity requests) made within it, and keeping the usage the answers report.
   */
  metered<T>(meter: ApiMeter, work: () => Promise<T>): Promise<T> {
    return this.meters.run(meter, work)
  }

  apiVersion(): string {
    return this.version
  }

  /** Forget the session and any refused login: the next call logs in again. */
  reset(): void {
    this.generation += 1
    this.current = null
    this.loggingIn = null
    this.breaker = null
  }

  /** A new token now, for answers jsforce does not treat as an expired session. */
  async refreshNow(): Promise<void> {
    const conn = await this.connection()
    const token = await this.obtainToken()
    this.adopt(conn, token)
    conn.accessToken = token.accessToken
  }

  /**
   * Runs one jsforce call in its own scope, so its refresh is counted, within timeoutMs, and maps whatever it
   * throws. The deadline is ours: jsforce's own timeout ends at the response headers, and jsforce 3.10.16 never
   * settles a call whose body is cut short (it pipes the body without an error handler).
   */
  async call<T>(operation: (conn: Connection) => Promise<T>): Promise<T> {
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

  /** The text with this session's secrets and access tokens (and anything credential-shaped) redacted. */
  redact(text: string): string {
    return redactSecrets(text, this.secrets())
  }

  private secrets(): (string | undefined)[] {
    return [...secretsOf(this.options), ...this.accessTokens.values()]
  }

  private async connection(): Promise<Connection> {
    if (this.current) {
      return this.current.conn
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
      conn._transport = new ClientTransport(
        this.timeoutMs,
        (status) => {
          const scope = this.calls.getStore()
          if (scope) {
            scope.status = status
          }
        },
        (req, response) => this.meterAnswer(req, response)
      )
      if (generation === this.generation) {
        this.current = { conn, token }
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

  private meterAnswer(req: HttpRequest, response: HttpResponse): void {
    const meter = this.meters.getStore()
    if (!meter || !/\/services\/data\//.test(req.url)) {
      return
    }
    meter.calls += 1
    const header = response.headers?.["sforce-limit-info"]
    const match = LIMIT_INFO.exec(
      Array.isArray(header) ? header.join(",") : String(header ?? "")
    )
    if (match) {
      meter.usage = { used: Number(match[1]), limit: Number(match[2]) }
    }
  }

  private adopt(conn: Connection, token: SalesforceToken): void {
    if (this.current?.conn === conn) {
      this.current.token = token
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
    this.accessTokens.add(accessToken)
  }
}
