// Bulk API 2.0 ingest answers read into our types (client.ts sends the requests): a job's info, and the errors of
// requests whose answer is read as text.
import { SalesforceApiError } from "./errors"

export type BulkJobState =
  | "Open"
  | "UploadComplete"
  | "InProgress"
  | "JobComplete"
  | "Failed"
  | "Aborted"

const STATES: BulkJobState[] = [
  "Open",
  "UploadComplete",
  "InProgress",
  "JobComplete",
  "Failed",
  "Aborted",
]

/** States after which a job changes no more and its results can be read. */
export const FINISHED_JOB_STATES: BulkJobState[] = [
  "JobComplete",
  "Failed",
  "Aborted",
]

export type BulkJobInfo = {
  id: string
  state: BulkJobState
  /** Records processed so far, failed ones included (0 in the answers to create and close). */
  numberRecordsProcessed: number
  numberRecordsFailed: number
  /** Why a Failed job failed. */
  errorMessage: string | null
}

export function readJobInfo(raw: unknown): BulkJobInfo {
  // Only a shape to read from: each field is type-checked below.
  const info = (typeof raw === "object" && raw !== null ? raw : {}) as Record<
    string,
    unknown
  >
  const state = STATES.find((s) => s === info.state)
  if (typeof info.id !== "string" || !state) {
    throw new SalesforceApiError({
      errorCode: "UNEXPECTED_RESPONSE",
      message: "Salesforce's Bulk job answer has no id or state",
    })
  }
  const count = (value: unknown) =>
    typeof value === "number" && Number.isFinite(value) ? value : 0
  return {
    id: info.id,
    state,
    numberRecordsProcessed: count(info.numberRecordsProcessed),
    numberRecordsFailed: count(info.numberRecordsFailed),
    errorMessage:
      typeof info.errorMessage === "string" && info.errorMessage
        ? info.errorMessage
        : null,
  }
}

/**
 * A request read as text gets its error answer as text too (jsforce then names it HTTP_<status>): Salesforce's
 * JSON error body, `[{ errorCode, message }]`, is read again so the error keeps its code and kind.
 */
export async function withErrorBody<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (
      !(error instanceof SalesforceApiError) ||
      !/^HTTP_\d{3}$/.test(error.errorCode)
    ) {
      throw error
    }
    let body: unknown
    try {
      body = JSON.parse(error.message)
    } catch {
      throw error
    }
    const [first] = Array.isArray(body) ? body : [body]
    const { errorCode, message } = (first ?? {}) as Record<string, unknown>
    if (typeof errorCode !== "string" || typeof message !== "string") {
      throw error
    }
    throw new SalesforceApiError({
      errorCode,
      message,
      status: error.status,
    })
  }
}
