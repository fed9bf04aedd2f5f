// Fault injection for tests: the next N requests matching a method and a path pattern get an error answer, a
// dropped connection, or extra latency, instead of (or before) their normal handling.

/** What a test asks for. Path is a substring of the request path, or a RegExp (a "/.../" string over HTTP). */
export type FaultRule = {
  method?: string
  path?: string | RegExp
  /** How many matching requests it applies to; default 1. */
  count?: number
  status?: number
  errorCode?: string
  message?: string
  /**
   * Close the connection: true or "mid-response" sends the headers and part of the body first, "before-response"
   * closes before any byte, "after-commit" handles the request (its writes are committed) and closes before any
   * byte of the answer: the case where a client that retries blindly creates duplicates. Note jsforce 3.10.16 never
   * settles a call whose body is cut off (it pipes the body without an error handler), so only its own 10-minute
   * timeout ends such a call.
   */
  drop?: boolean | "mid-response" | "before-response" | "after-commit"
  latencyMs?: number
  jitterMs?: number
  /**
   * The answer's raw body instead of Salesforce's JSON error array (with `status`, default 500): what a proxy or
   * load balancer in front of the org answers, e.g. an error page that echoes the request's headers.
   */
  body?: string
  /** The raw body's Content-Type; default "text/plain". */
  contentType?: string
}

export type ActiveFault = FaultRule & {
  id: string
  remaining: number
  matcher: (path: string) => boolean
}

/** Salesforce's status and message for the error codes tests usually inject. */
const DEFAULTS: Record<string, { status: number; message: string }> = {
  UNABLE_TO_LOCK_ROW: {
    status: 400,
    message: "unable to obtain exclusive access to this record or 1 records",
  },
  SERVER_UNAVAILABLE: {
    status: 503,
    message: "Server is temporarily unavailable. Please try again later.",
  },
  REQUEST_LIMIT_EXCEEDED: {
    status: 403,
    message: "ConcurrentPerOrgLongTxn Limit exceeded.",
  },
  UNKNOWN_EXCEPTION: {
    status: 500,
    message:
      "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)",
  },
}

const CODE_FOR_STATUS: Record<number, string> = {
  500: "UNKNOWN_EXCEPTION",
  502: "SERVER_UNAVAILABLE",
  503: "SERVER_UNAVAILABLE",
  403: "REQUEST_LIMIT_EXCEEDED",
  401: "INVALID_SESSION_ID",
}

function toMatcher(path: FaultRule["path"]): (path: string) => boolean {
  if (path instanceof RegExp) {
    return (p) => path.test(p)
  }
  if (
    typeof path === "string" &&
    path.length > 2 &&
    path.startsWith("/") &&
    path.endsWith("/")
  ) {
    const pattern = new RegExp(path.slice(1, -1))
    return (p) => pattern.test(p)
  }
  return (p) => !path || p.includes(path)
}

export class Faults {
  private rules: ActiveFault[] = []
  private nextId = 1

  add(rule: FaultRule): string {
    if (
      rule.path instanceof RegExp === false &&
      rule.path !== undefined &&
      typeof rule.path !== "string"
    ) {
      throw new Error("fault path must be a string or a RegExp")
    }
    const id = `fault-${this.nextId++}`
    this.rules.push({
      ...rule,
      id,
      method: rule.method?.toUpperCase(),
      remaining: rule.count ?? 1,
      matcher: toMatcher(rule.path),
    })
    return id
  }

  /** The first rule matching the request, counted as used. */
  take(method: string, path: string): ActiveFault | undefined {
    const rule = this.rules.find(
      (r) => (!r.method || r.method === method) && r.matcher(path)
    )
    if (!rule) {
      return undefined
    }
    rule.remaining -= 1
    if (rule.remaining <= 0) {
      this.rules = this.rules.filter((r) => r !== rule)
    }
    return rule
  }

  list(): Omit<ActiveFault, "matcher">[] {
    return this.rules.map(({ matcher: _matcher, ...rule }) => ({
      ...rule,
      path: rule.path instanceof RegExp ? `/${rule.path.source}/` : rule.path,
    }))
  }

  clear(): void {
    this.rules = []
  }
}

/**
 * The token endpoint's error shape, { error, error_description }, for a fault on /services/oauth2/*. An OAuth
 * error code (lower case, e.g. "invalid_grant") is answered as given; otherwise a 5xx becomes Salesforce's
 * "unknown_error: retry your request" and anything else "invalid_grant: authentication failure".
 */
export function oauthFaultResponse(rule: FaultRule): {
  status: number
  body: { error: string; error_description: string }
} {
  const status =
    rule.status ??
    (rule.errorCode ? DEFAULTS[rule.errorCode]?.status : 400) ??
    400
  const error =
    rule.errorCode && /^[a-z_]+$/.test(rule.errorCode)
      ? rule.errorCode
      : status >= 500
        ? "unknown_error"
        : "invalid_grant"
  const description =
    error === "unknown_error" ? "retry your request" : "authentication failure"
  return {
    status,
    body: { error, error_description: rule.message ?? description },
  }
}

/** The status and error body a fault answers, filling Salesforce's defaults for what the rule leaves out. */
export function faultResponse(rule: FaultRule): {
  status: number
  body: { message: string; errorCode: string }[]
} {
  const errorCode =
    rule.errorCode ?? CODE_FOR_STATUS[rule.status ?? 500] ?? "UNKNOWN_EXCEPTION"
  const defaults = DEFAULTS[errorCode] ?? { status: 400, message: errorCode }
  return {
    status: rule.status ?? defaults.status,
    body: [{ message: rule.message ?? defaults.message, errorCode }],
  }
}
