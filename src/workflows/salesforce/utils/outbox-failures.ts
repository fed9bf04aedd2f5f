/**
 * What a drain does when it fails on documents (outbox-sql.ts's noteOutboxFailure and MAX_FAILURES): which
 * failures count against the documents, the reason kept for them, and the failed outcome a document set aside is
 * recorded with. Pure.
 */
import { databaseErrorReason } from "../../../modules/salesforce/db-error"
import { SalesforceApiError } from "../../../modules/salesforce/lib/errors"
import {
  MAX_FAILURES,
  type OutboxClaim,
} from "../../../modules/salesforce/outbox-sql"
import type { CommitOutcome } from "../../../modules/salesforce/service"

/** The error code a document set aside is recorded with (fix-hints.ts explains it). */
export const SET_ASIDE_CODE = "SYNC_SET_ASIDE"

// PostgreSQL classes that say nothing about the data: connection (08), rollback for serialisation or deadlock
// (40), resources (53), operator intervention such as a restart (57).
const TRANSIENT_SQLSTATE = /^(08|40|53|57)/
const TRANSIENT_NODE_CODES = /^(E[A-Z]+|UND_ERR\w*)$/

/**
 * A failure that is no fault of the documents: Salesforce or the database briefly unavailable, a lock, the
 * connection refused. It gives the batch back without counting against it; anything else counts.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof SalesforceApiError) {
    return error.kind !== "data" && error.kind !== "configuration"
  }
  const code = (error as { code?: unknown })?.code
  if (typeof code !== "string") return false
  return TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.test(code)
}

/** The reason kept on the rows: short and without customer data (see db-error.ts). */
export function failureReason(error: unknown): string {
  return databaseErrorReason(error)
}

/** True when the drain must set the row aside instead of sending it again. */
export function mustSetAside(claim: Pick<OutboxClaim, "failures">): boolean {
  return claim.failures >= MAX_FAILURES
}

/** The failed outcome a document set aside is recorded with: its last reason, for the log and its hint. */
export function setAsideOutcome(
  claim: Pick<OutboxClaim, "invoice_id" | "failures" | "last_error">
): CommitOutcome {
  return {
    invoice_id: claim.invoice_id,
    status: "failed",
    salesforce_id: null,
    salesforce_url: null,
    error_code: SET_ASIDE_CODE,
    error_message: `Set aside after ${claim.failures} failed tries so the documents after it go on; the last one failed with: ${claim.last_error ?? "an unknown error"}`,
    duration_ms: 0,
    line_ids: null,
    detail_json: null,
  }
}
