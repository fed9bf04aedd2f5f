// Salesforce's REST error shapes: a JSON array of { message, errorCode, fields } for a failing call (fields only
// where Salesforce names fields), and { statusCode, message, fields } inside per-record results of collections.

export type ApiError = {
  message: string
  errorCode: string
  fields?: string[]
}

export type RecordError = {
  statusCode: string
  message: string
  fields: string[]
}

/** Thrown by handlers; the server answers its status with its errors as the body. */
export class SalesforceError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiError[]
  ) {
    super(errors[0]?.message ?? "Unknown error")
  }
}

export function apiError(
  status: number,
  errorCode: string,
  message: string,
  fields?: string[]
): SalesforceError {
  return new SalesforceError(status, [
    { message, errorCode, ...(fields ? { fields } : {}) },
  ])
}

/** A single-record call fails with every error of the record, as the collections call would report them. */
export function fromRecordErrors(
  status: number,
  errors: RecordError[]
): SalesforceError {
  return new SalesforceError(
    status,
    errors.map((e) => ({
      message: e.message,
      errorCode: e.statusCode,
      fields: e.fields,
    }))
  )
}

export function recordError(
  statusCode: string,
  message: string,
  fields: string[] = []
): RecordError {
  return { statusCode, message, fields }
}

export const notFound = () =>
  apiError(404, "NOT_FOUND", "The requested resource does not exist")

export const sessionInvalid = () =>
  apiError(401, "INVALID_SESSION_ID", "Session expired or invalid")
