// The typed error of the Salesforce edge. Whatever jsforce, the token endpoint or the network throws becomes one
// SalesforceApiError with Salesforce's code and a kind (error-kinds.ts); describe-error.ts turns it into a
// sentence a merchant can act on.
import { classifySalesforceError, SalesforceErrorKind } from "./error-kinds"
import { redactSecrets } from "./redact"

/** One error of a record in a collections answer, as Salesforce spells it. */
export type SalesforceFieldError = {
  statusCode: string
  message: string
  fields: string[]
}

export type SalesforceApiErrorInit = {
  errorCode: string
  message: string
  /** Derived from errorCode, message and status when left out. */
  kind?: SalesforceErrorKind
  fields?: string[]
  status?: number
}

export class SalesforceApiError extends Error {
  /** Salesforce's code, the OAuth `error`, a network code (ECONNRESET) or HTTP_<status>. */
  readonly errorCode: string
  readonly kind: SalesforceErrorKind
  readonly fields: string[]
  readonly status?: number

  constructor(init: SalesforceApiErrorInit) {
    super(init.message)
    this.name = "SalesforceApiError"
    this.errorCode = init.errorCode
    this.kind =
      init.kind ??
      classifySalesforceError(init.errorCode, init.message, init.status)
    this.fields = [...(init.fields ?? [])]
    if (init.status !== undefined) {
      this.status = init.status
    }
  }

  /** Error#message is not enumerable; logs and job results serialise errors with JSON.stringify. */
  toJSON() {
    return {
      name: this.name,
      errorCode: this.errorCode,
      kind: this.kind,
      message: this.message,
      fields: this.fields,
      status: this.status,
    }
  }
}

// What jsforce (HttpApiError, OAuth2 errors), node-fetch (FetchError, AbortError) and Node sockets put on errors.
type ThrownShape = {
  name?: unknown
  message?: unknown
  errorCode?: unknown
  code?: unknown
  type?: unknown
  status?: unknown
  statusCode?: unknown
  data?: unknown
}

type BodyError = { errorCode?: unknown; message?: unknown; fields?: unknown }

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string")
    : []
}

function firstBodyError(data: unknown): BodyError | undefined {
  const candidate = Array.isArray(data) ? data[0] : data
  // Only a shape to read from: each field is type-checked where it is used.
  return typeof candidate === "object" && candidate !== null
    ? (candidate as BodyError)
    : undefined
}

const MAX_MESSAGE = 500

/**
 * Turns anything jsforce / node throws into a SalesforceApiError: jsforce errors carry errorCode (or name) and
 * message, HTTP status where present, network errors carry code. The message passes redactSecrets with the
 * caller's known secrets, and the original error is not attached (its request could hold a token).
 */
export function toSalesforceApiError(
  error: unknown,
  context: { secrets?: (string | undefined | null)[]; status?: number } = {}
): SalesforceApiError {
  if (error instanceof SalesforceApiError) {
    return error
  }
  // Only a shape to read from: thrown values are anything, so each field is type-checked where it is used.
  const thrown: ThrownShape =
    typeof error === "object" && error !== null
      ? (error as ThrownShape)
      : { message: String(error) }
  const rawMessage =
    typeof thrown.message === "string" ? thrown.message : String(error)
  const status =
    context.status ??
    (typeof thrown.status === "number" ? thrown.status : undefined) ??
    (typeof thrown.statusCode === "number" ? thrown.statusCode : undefined)

  let errorCode: string
  let message = rawMessage
  let fields: string[] = []

  const bodyError = firstBodyError(thrown.data)
  if (typeof thrown.errorCode === "string" && thrown.errorCode) {
    errorCode = thrown.errorCode
    if (errorCode === "MULTIPLE_API_ERRORS" && bodyError) {
      // Several errors for one call: the first decides what to do, they rarely differ in kind.
      errorCode = String(bodyError.errorCode ?? errorCode)
      message = String(bodyError.message ?? rawMessage)
    }
    fields = stringArray(bodyError?.fields)
  } else if (thrown.name === "AbortError" || thrown.type === "aborted") {
    // jsforce aborts a request that outlives its timeout; its message names a fixed "10 minutes", whatever the value.
    errorCode = "ETIMEDOUT"
    message = "Salesforce did not answer in time"
  } else if (typeof thrown.code === "string" && /^[A-Z_]+$/.test(thrown.code)) {
    errorCode = thrown.code
  } else if (/socket hang up|premature close/i.test(rawMessage)) {
    errorCode = "ECONNRESET"
  } else if (
    typeof thrown.name === "string" &&
    /^[a-z_]+$/.test(thrown.name) &&
    thrown.name.includes("_")
  ) {
    // jsforce's OAuth2 errors: name is the OAuth `error`, message its description.
    errorCode = thrown.name
  } else {
    errorCode = "UNKNOWN_ERROR"
  }

  // jsforce names errors of a body it could not parse ERROR_HTTP_<status>; the body is then the message.
  const http = /^ERROR_HTTP_(\d{3})$/.exec(errorCode)
  let httpStatus = status
  if (http) {
    errorCode = `HTTP_${http[1]}`
    httpStatus = status ?? Number(http[1])
  }
  if (errorCode === "ERR_STREAM_PREMATURE_CLOSE") {
    // The connection died mid-answer: the same case as a reset for everything downstream.
    errorCode = "ECONNRESET"
  }

  const cleaned = redactSecrets(message, context.secrets)
  return new SalesforceApiError({
    errorCode,
    message:
      cleaned.length > MAX_MESSAGE
        ? `${cleaned.slice(0, MAX_MESSAGE)}…`
        : cleaned,
    fields,
    status: httpStatus,
  })
}
