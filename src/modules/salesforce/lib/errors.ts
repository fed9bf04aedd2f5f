// Typed errors of the Salesforce edge. Whatever jsforce, the token endpoint or the network throws becomes one
// SalesforceApiError with Salesforce's code and a kind the sync policy acts on (see the table in
// SALESFORCE-NOTES.md); describeSalesforceError turns it into a sentence a merchant can act on.

export type SalesforceErrorKind =
  | "transient"
  | "daily_limit"
  | "auth"
  | "stale_reference"
  | "data"
  | "configuration"

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

const TRANSIENT_CODES = new Set([
  "UNABLE_TO_LOCK_ROW",
  "SERVER_UNAVAILABLE",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "ERR_STREAM_PREMATURE_CLOSE",
])

// OAuth error codes are lower case; INVALID_SESSION_ID only reaches a caller after the one refresh the client allows.
const AUTH_CODES = new Set([
  "INVALID_SESSION_ID",
  "INVALID_AUTH_HEADER",
  "invalid_grant",
  "invalid_client",
  "invalid_client_id",
  "invalid_request",
  "unauthorized_client",
  "unsupported_grant_type",
  "inactive_user",
  "inactive_org",
])

const STALE_REFERENCE_CODES = new Set([
  "ENTITY_IS_DELETED",
  "INVALID_CROSS_REFERENCE_KEY",
])

const CONFIGURATION_CODES = new Set([
  "INVALID_FIELD",
  "INVALID_TYPE",
  "NOT_FOUND",
  "INSUFFICIENT_ACCESS_OR_READONLY",
  "INVALID_FIELD_FOR_INSERT_UPDATE",
  "MALFORMED_QUERY",
  "API_DISABLED_FOR_ORG",
  "INVALID_OPTIONS",
  "INVALID_PRIVATE_KEY",
])

// Listed for the reader: unknown codes are data errors anyway.
const DATA_CODES = new Set([
  "REQUIRED_FIELD_MISSING",
  "STRING_TOO_LONG",
  "FIELD_CUSTOM_VALIDATION_EXCEPTION",
  "DUPLICATES_DETECTED",
  "DUPLICATE_VALUE",
  "INVALID_EMAIL_ADDRESS",
  "INVALID_TYPE_ON_FIELD_IN_RECORD",
  "NUMBER_OUTSIDE_VALID_RANGE",
])

const HTTP_CODE = /^HTTP_(\d{3})$/

/**
 * The parts of Salesforce's answer to an `X__r: { ExtId__c: value }` reference that matches no record:
 * "Foreign key external ID: inv_1 not found for field Medusa_Id__c in entity Medusa_Invoice__c" (INVALID_FIELD).
 */
function foreignKeyFrom(
  message: string | undefined
): { value: string; field: string; entity: string } | undefined {
  const match =
    /Foreign key external ID: (.*) not found for field (\w+) in entity (\w+)/i.exec(
      message ?? ""
    )
  return match
    ? { value: match[1], field: match[2], entity: match[3] }
    : undefined
}

/**
 * Class of an error code per the table in SALESFORCE-NOTES.md. REQUEST_LIMIT_EXCEEDED is the daily budget only
 * when Salesforce says "TotalRequests Limit exceeded"; otherwise it is the concurrent-request limit and passes.
 * Unknown codes are data errors (not retried) unless the status says the server failed.
 */
export function classifySalesforceError(
  errorCode: string,
  message?: string,
  status?: number
): SalesforceErrorKind {
  if (errorCode === "INVALID_FIELD" && foreignKeyFrom(message)) {
    // A parent referenced by external ID that is not in Salesforce (yet): the reference, not the schema, is wrong.
    return "stale_reference"
  }
  if (errorCode === "REQUEST_LIMIT_EXCEEDED") {
    return /TotalRequests Limit exceeded/i.test(message ?? "")
      ? "daily_limit"
      : "transient"
  }
  if (TRANSIENT_CODES.has(errorCode)) {
    return "transient"
  }
  if (AUTH_CODES.has(errorCode)) {
    return "auth"
  }
  if (STALE_REFERENCE_CODES.has(errorCode)) {
    return "stale_reference"
  }
  if (CONFIGURATION_CODES.has(errorCode)) {
    return "configuration"
  }
  if (DATA_CODES.has(errorCode)) {
    return "data"
  }
  const httpStatus = status ?? Number(HTTP_CODE.exec(errorCode)?.[1] ?? NaN)
  if (httpStatus >= 500 || httpStatus === 420 || httpStatus === 429) {
    return "transient"
  }
  if (httpStatus === 401) {
    return "auth"
  }
  if (/socket hang up|premature close|timed? ?out/i.test(message ?? "")) {
    return "transient"
  }
  return "data"
}

// Values that look like credentials wherever they appear: query or form parameters, bearer headers, Salesforce
// session ids (<15-18 char org id>!<opaque>) and PEM blocks.
const SECRET_PATTERNS: [RegExp, string][] = [
  [
    /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g,
    "[redacted key]",
  ],
  [
    /\b((?:access_token|refresh_token|oauth_token|client_secret|password|assertion|code)=)[^&\s"']+/gi,
    "$1[redacted]",
  ],
  [/(Bearer|OAuth)\s+[^\s"',]+/g, "$1 [redacted]"],
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, "[redacted token]"],
]

/** The text with every given secret and anything credential-shaped replaced. */
export function redactSecrets(
  text: string,
  secrets: (string | undefined | null)[] = []
): string {
  let result = text
  // Longest first, so a secret containing another is removed whole.
  const known = secrets
    .filter((s): s is string => typeof s === "string" && s.length >= 4)
    .sort((a, b) => b.length - a.length)
  for (const secret of known) {
    result = result.split(secret).join("[redacted]")
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    result = result.replace(pattern, replacement)
  }
  return result
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

const OBJECT_PHRASES: Record<string, string> = {
  Medusa_Invoice__c: "the invoice",
  Medusa_Invoice_Line__c: "an invoice line",
  Contact: "the contact",
  Account: "the account",
}

function objectPhrase(object?: string): string {
  if (!object) {
    return "the record"
  }
  return OBJECT_PHRASES[object] ?? `the ${object} record`
}

/**
 * Label of one of our custom fields, from its API name: Customer_Email__c -> "Customer Email",
 * Medusa_Id__c -> "Medusa ID". Standard and managed-package fields keep their API name, since their labels are
 * the org's and we would guess.
 */
export function fieldLabel(apiName: string): string {
  const match = /^([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)__c$/.exec(apiName)
  if (!match) {
    return apiName
  }
  return match[1]
    .split("_")
    .map((word) => (word.toLowerCase() === "id" ? "ID" : word))
    .join(" ")
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

function labels(fields: string[]): string {
  const named = fields.map(fieldLabel)
  return named.length <= 1
    ? named.join("")
    : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`
}

function trimPeriod(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/\.$/, "")
}

/** Object and field of an INVALID_FIELD / INVALID_TYPE message, e.g. "No such column 'Foo__c' on sobject of type X". */
function missingFieldFrom(message: string): {
  field?: string
  object?: string
} {
  const column =
    /No such column '([\w.]+)' on (?:sobject of type|entity) '?(\w+)'?/i.exec(
      message
    )
  if (column) {
    return { field: column[1], object: column[2] }
  }
  const type = /sObject type '(\w+)' is not supported/i.exec(message)
  return type ? { object: type[1] } : {}
}

/**
 * A merchant-readable sentence with the Salesforce code beside it, naming our fields by label, e.g.
 * "Salesforce requires Customer Email on the invoice (REQUIRED_FIELD_MISSING: Customer_Email__c)".
 * `object` is the sObject the failed record belongs to.
 */
export function describeSalesforceError(
  error: {
    errorCode: string
    message: string
    fields?: string[]
    /** A SalesforceApiError's own kind and status, when it is one. */
    kind?: SalesforceErrorKind
    status?: number
  },
  object?: string
): string {
  const code = error.errorCode
  const fields = error.fields ?? []
  const what = objectPhrase(object)
  const tag = fields.length ? `(${code}: ${fields.join(", ")})` : `(${code})`
  const reason = trimPeriod(error.message)

  switch (code) {
    case "REQUIRED_FIELD_MISSING":
      return fields.length
        ? `Salesforce requires ${labels(fields)} on ${what} ${tag}`
        : `Salesforce is missing a required value on ${what}: ${reason} ${tag}`
    case "INVALID_EMAIL_ADDRESS":
      return fields.length
        ? `${labels(fields)} is not a valid email address in Salesforce ${tag}`
        : `An email address on ${what} is not valid in Salesforce ${tag}`
    case "STRING_TOO_LONG":
      return `${fields.length ? labels(fields) : "A text value"} on ${what} is longer than Salesforce allows ${tag}`
    case "NUMBER_OUTSIDE_VALID_RANGE":
      return `${fields.length ? labels(fields) : "A number"} on ${what} is outside the range Salesforce allows ${tag}`
    case "INVALID_TYPE_ON_FIELD_IN_RECORD":
      return `${fields.length ? labels(fields) : "A value"} on ${what} has the wrong type for Salesforce: ${reason} ${tag}`
    case "FIELD_CUSTOM_VALIDATION_EXCEPTION":
      return `A validation rule in Salesforce rejected ${what}: ${reason} ${tag}`
    case "DUPLICATES_DETECTED":
      return `Salesforce's duplicate rules rejected ${what} as a duplicate of an existing record ${tag}`
    case "DUPLICATE_VALUE":
      return `${fields.length ? labels(fields) : "A unique value"} on ${what} is already used by another Salesforce record ${tag}`
    case "ENTITY_IS_DELETED":
      return `A record ${what} refers to was deleted in Salesforce ${tag}`
    case "INVALID_CROSS_REFERENCE_KEY":
      return fields.length
        ? `${labels(fields)} on ${what} points to a record Salesforce does not have ${tag}`
        : `${capitalise(what)} points to a record Salesforce does not have ${tag}`
    case "INVALID_FIELD": {
      const foreignKey = foreignKeyFrom(error.message)
      if (foreignKey) {
        const via = fields.length
          ? `${labels(fields)} on ${what}`
          : capitalise(what)
        return `${via} refers to ${objectPhrase(foreignKey.entity)} with ${fieldLabel(foreignKey.field)} "${foreignKey.value}", which is not in Salesforce ${tag}`
      }
      const parsed = missingFieldFrom(error.message)
      const field = parsed.field ?? fields[0]
      const owner = object ?? parsed.object
      const name = field ? (owner ? `${owner}.${field}` : field) : undefined
      return name
        ? `Salesforce has no field ${name}: deploy the metadata in salesforce/ (${code})`
        : `Salesforce does not know a field we send: deploy the metadata in salesforce/ (${code})`
    }
    case "INVALID_TYPE":
    case "NOT_FOUND": {
      const owner = missingFieldFrom(error.message).object ?? object
      return owner
        ? `Salesforce has no object ${owner}: deploy the metadata in salesforce/ (${code})`
        : `Salesforce could not find what we asked for: deploy the metadata in salesforce/ (${code})`
    }
    case "INVALID_FIELD_FOR_INSERT_UPDATE":
      return `The Salesforce integration user may not write ${fields.length ? labels(fields) : "a field"} on ${what}: check its field permissions ${tag}`
    case "INSUFFICIENT_ACCESS_OR_READONLY":
      return `The Salesforce integration user may not change ${what}: check its permission set ${tag}`
    case "MALFORMED_QUERY":
      return `Salesforce rejected a query: ${reason} (${code})`
    case "UNABLE_TO_LOCK_ROW":
      return `Salesforce is busy (${code}); will retry`
    case "REQUEST_LIMIT_EXCEEDED":
      return classifySalesforceError(code, error.message) === "daily_limit"
        ? `Salesforce daily API limit reached (${code})`
        : `Salesforce is handling too many requests at once (${code}); will retry`
    case "invalid_client":
    case "invalid_client_id":
      return `Salesforce rejected the login: check the connected app's client id and secret (${code})`
    case "invalid_grant":
      return `Salesforce rejected the login: ${reason ? `${reason}; ` : ""}check the integration user, its credentials and the app's approval (${code})`
    case "unsupported_grant_type":
    case "unauthorized_client":
      return `Salesforce does not allow this login flow for the connected app (${code})`
    case "INVALID_SESSION_ID":
      return `Salesforce refused the session even after a new login: reconnect Salesforce (${code})`
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
      return `Salesforce did not answer in time (${code}); will retry`
  }

  switch (
    error.kind ??
    classifySalesforceError(code, error.message, error.status)
  ) {
    case "transient":
      return /^E[A-Z]+$|^UND_ERR/.test(code)
        ? `Salesforce could not be reached (${code}); will retry`
        : `Salesforce is unavailable for now (${code}); will retry`
    case "auth":
      return `Salesforce rejected the login: ${reason} (${code})`
    case "configuration":
      return `Salesforce is not set up for the sync: ${reason} ${tag}`
    default:
      return `Salesforce rejected ${what}: ${reason} ${tag}`
  }
}
