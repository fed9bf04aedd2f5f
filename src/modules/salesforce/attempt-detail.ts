/**
 * What an attempt sent and what Salesforce answered, as the attempt viewer shows it: the calls that carried the
 * document's records (endpoint, time taken), each record with its fields and its answer. Stored with the attempt
 * (msi_sync_attempt.detail), so it is kept exactly as long as the attempt. Pure: the sender collects it
 * (workflows/salesforce/utils/send-trace.ts), this bounds its size.
 *
 * Never a token, secret or header: only paths, the records (Medusa data) and Salesforce's per-record answers go
 * in, and the send step redacts the object's values (the service's redactDetail) before detailJson serialises it.
 */

export type DetailCall = {
  /** e.g. "POST /services/data/v62.0/composite". */
  endpoint: string
  duration_ms: number
  /** The call failed as a whole (the records carry the reason). */
  error?: string
}

export type DetailAnswer =
  | {
      success: boolean
      id?: string | null
      created?: boolean
      errors: { statusCode: string; message: string; fields: string[] }[]
    }
  | { error_code: string; message: string }

export type DetailRecord = {
  object: string
  /** The subrequest or call that carried it, e.g. "PATCH /services/data/v62.0/composite/sobjects/Account/Medusa_Customer_Id__c". */
  endpoint: string
  external_id_field: string
  external_id: string
  fields: Record<string, unknown>
  /** Salesforce's answer for this record; absent when it was not sent (a record it needs failed). */
  answer?: DetailAnswer
  /** Index into `calls`. */
  call?: number
  /** How many times it was sent (retries of transient failures). */
  tries?: number
}

export type AttemptDetail = {
  calls: DetailCall[]
  records: DetailRecord[]
  /** Contacts looked up by email, and lines removed in Medusa that were deleted in Salesforce. */
  lookups?: { endpoint: string; call: number; found: number }[]
  deletions?: {
    object: string
    id: string
    call: number
    answer?: DetailAnswer
  }[]
  /** Set when the detail was cut to fit MAX_DETAIL_BYTES. */
  truncated?: { original_bytes: number; omitted_records: number }
}

/** At most this much JSON per attempt: a batch of 1,000 documents stores at most ~32 MB of detail. */
export const MAX_DETAIL_BYTES = 32 * 1024
/** Text values longer than this are cut first (notes can be long). */
const MAX_VALUE_CHARS = 2000
export const TRUNCATION_MARKER = "… [truncated]"

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value))

function shortenValues(fields: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      typeof v === "string" && v.length > MAX_VALUE_CHARS
        ? `${v.slice(0, MAX_VALUE_CHARS)}${TRUNCATION_MARKER}`
        : v,
    ])
  )
}

/**
 * The detail as stored, as JSON text (see boundDetail): serialised once when it fits, as nearly all do. Text is
 * what a batch hands on from its send step to its commit, since the workflow engine copies step data object by
 * object and a string whole.
 */
export function detailJson(
  detail: AttemptDetail,
  maxBytes = MAX_DETAIL_BYTES
): string {
  const text = JSON.stringify(detail)
  return Buffer.byteLength(text) <= maxBytes
    ? text
    : JSON.stringify(boundDetail(detail, maxBytes))
}

/**
 * The detail as stored: unchanged when it fits `maxBytes`; otherwise long text values are cut, then records are
 * left out from the end (lines before the invoice's own record, which comes first), with `truncated` saying so.
 */
export function boundDetail(
  detail: AttemptDetail,
  maxBytes = MAX_DETAIL_BYTES
): AttemptDetail {
  const original = size(detail)
  if (original <= maxBytes) {
    return detail
  }
  const records = detail.records.map((r) => ({
    ...r,
    fields: shortenValues(r.fields),
  }))
  const mark = (kept: DetailRecord[]): AttemptDetail => ({
    ...detail,
    records: kept,
    truncated: {
      original_bytes: original,
      omitted_records: detail.records.length - kept.length,
    },
  })
  let kept = records
  while (kept.length && size(mark(kept)) > maxBytes) {
    kept = kept.slice(0, -1)
  }
  const bounded = mark(kept)
  // Only the calls are left and they still do not fit (thousands of them): keep the first ones.
  while (bounded.calls.length && size(bounded) > maxBytes) {
    bounded.calls = bounded.calls.slice(0, Math.floor(bounded.calls.length / 2))
  }
  return bounded
}
