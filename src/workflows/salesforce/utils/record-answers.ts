/**
 * What Salesforce answered for one planned record, as the sync policy reads it: a per-record result, or a failure
 * standing in for one (the whole call failed, or a record it required failed). Shared by the step-by-step sender
 * (send-batch.ts) and the composite one (send-packed.ts).
 */
import type { RecordRef } from "../../../modules/salesforce/batch-plan"
import { describeSalesforceError } from "../../../modules/salesforce/lib/describe-error"
import { classifySalesforceError } from "../../../modules/salesforce/lib/error-kinds"
import type { SalesforceApiError } from "../../../modules/salesforce/lib/errors"
import type { RecordResult } from "../../../modules/salesforce/lib/record-results"

export type Failure = { errorCode: string; message: string }

export type Answer = RecordResult | Failure

export const refId = (ref: RecordRef) => `${ref.object}:${ref.key}`

export function failureOf(
  error: { errorCode: string; message: string; fields?: string[] },
  object?: string
): Failure {
  return {
    errorCode: error.errorCode,
    message: describeSalesforceError(error, object),
  }
}

export function recordFailure(result: RecordResult, object: string): Failure {
  const [first] = result.errors
  return failureOf(
    {
      errorCode: first?.statusCode ?? "UNKNOWN_ERROR",
      message: first?.message ?? "Salesforce refused the record",
      fields: first?.fields,
    },
    object
  )
}

export const isFailure = (r: unknown): r is Failure =>
  !!r && typeof r === "object" && "errorCode" in r

/** Why a record did not make it, or null when it did. */
export function failureIn(
  r: Answer | undefined,
  object: string
): Failure | null {
  if (isFailure(r)) return r
  if (!r) {
    return {
      errorCode: "UNKNOWN_ERROR",
      message: "Salesforce did not answer for this record",
    }
  }
  return r.success ? null : recordFailure(r, object)
}

/**
 * Worth sending again: a transient error, or the losing side of two concurrent creates of one external ID
 * (DUPLICATE_VALUE naming it), which the next upsert finds and updates.
 */
export function isRetryableRecord(
  result: RecordResult,
  externalIdField: string
) {
  return result.errors.some(
    (e) =>
      classifySalesforceError(e.statusCode, e.message) === "transient" ||
      (e.statusCode === "DUPLICATE_VALUE" &&
        (e.fields.includes(externalIdField) ||
          e.message.includes(externalIdField)))
  )
}

/** A halt-worthy error stops everything; anything else is returned so the caller fails the affected records. */
export function rethrowIfHalting(error: SalesforceApiError) {
  if (
    error.kind === "auth" ||
    error.kind === "daily_limit" ||
    error.kind === "api_budget"
  ) {
    throw error
  }
}
