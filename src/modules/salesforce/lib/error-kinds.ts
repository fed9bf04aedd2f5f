// The KIND of a Salesforce error: what the sync policy does with it (see the table in SALESFORCE-NOTES.md).
// Classification only: the policy itself (retry, halt, re-resolve) lives in the sync workflow.

export type SalesforceErrorKind =
  | "transient"
  | "daily_limit"
  // Ours, never classified from an answer: the store's share of the daily limit is used up (api-budget.ts).
  | "api_budget"
  | "auth"
  | "stale_reference"
  | "data"
  | "configuration"

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
export function foreignKeyFrom(
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
