// What Salesforce answers per record of a collections call, read into our own type: results are matched to
// records by position, and each field is type-checked, since the answer is only JSON.
import type { SalesforceFieldError } from "./errors"

export type RecordResult = {
  id?: string
  success: boolean
  created?: boolean
  errors: SalesforceFieldError[]
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

export function toRecordResult(raw: unknown): RecordResult {
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
