/**
 * A plan's upsert step as the CSV of a Bulk API 2.0 ingest job, and the job's result CSVs read back into one answer
 * per planned record: pure, no Salesforce here (the module service sends, the sync policy decides).
 *
 * The CSV says what the step's records say as the REST path sends them: a column per field in first-seen order,
 * parents by external ID as `Relationship.ExternalId__c` columns (`Invoice__r.Medusa_Id__c`,
 * `Account.Medusa_Customer_Id__c`), a blank cell where a record leaves a field out (Bulk leaves it unchanged, as an
 * absent JSON key does) and `#N/A` where it sets null (Bulk's way of clearing a field). Results carry every
 * uploaded column, so each row is matched back by its external ID, not by position.
 */
import type { UpsertStep } from "./batch-plan"
import type { SalesforceFieldError } from "./lib/errors"
import type { RecordResult } from "./lib/record-results"

/** What a Bulk CSV cell holds to set a field to null (a blank cell leaves it as it is). */
export const BULK_NULL = "#N/A"

export type CsvRow = Record<string, string>

const isReference = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Date)

/** The record's fields as CSV columns: a parent reference `{ Invoice__r: { Medusa_Id__c } }` is one column. */
function flatten(fields: Record<string, unknown>): [string, unknown][] {
  return Object.entries(fields).flatMap(([name, value]) =>
    isReference(value)
      ? Object.entries(value).map(
          ([inner, v]) => [`${name}.${inner}`, v] as [string, unknown]
        )
      : [[name, value] as [string, unknown]]
  )
}

/** One value as Bulk reads it: null (and "", which Salesforce stores as null) clears the field. */
export function csvValue(value: unknown): string {
  if (value === undefined) return ""
  if (value === null || value === "") return BULK_NULL
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

/** RFC 4180 quoting: only cells with a delimiter, quote, line break or edge spaces need it. */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The step's records as one CSV (comma, LF line endings, a header row), ready for a job's upload. */
export function stepToCsv(step: Pick<UpsertStep, "records">): string {
  const columns: string[] = []
  const seen = new Set<string>()
  const rows = step.records.map((record) => {
    const cells = new Map(flatten(record.fields))
    for (const column of cells.keys()) {
      if (!seen.has(column)) {
        seen.add(column)
        columns.push(column)
      }
    }
    return cells
  })
  const lines = [columns.map(csvCell).join(",")]
  for (const cells of rows) {
    lines.push(
      columns.map((column) => csvCell(csvValue(cells.get(column)))).join(",")
    )
  }
  return `${lines.join("\n")}\n`
}

/** Parses a comma-separated CSV with a header row (quoted or not, LF or CRLF) into rows by column name. */
export function parseCsv(text: string): CsvRow[] {
  const records: string[][] = []
  let record: string[] = []
  let cell = ""
  let quoted = false
  let i = 0
  const endCell = () => {
    record.push(cell)
    cell = ""
  }
  const endRecord = () => {
    endCell()
    if (record.length > 1 || record[0] !== "") records.push(record)
    record = []
  }
  while (i < text.length) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else cell += c
      i++
      continue
    }
    if (c === '"') quoted = true
    else if (c === ",") endCell()
    else if (c === "\n") endRecord()
    else if (c !== "\r" || text[i + 1] !== "\n") cell += c
    i++
  }
  if (cell !== "" || record.length) endRecord()
  const [header, ...body] = records
  if (!header) return []
  return body.map((values) =>
    Object.fromEntries(header.map((name, k) => [name, values[k] ?? ""]))
  )
}

/**
 * Bulk's `sf__Error`, `CODE:message:fields --` (e.g. `REQUIRED_FIELD_MISSING:Required fields are missing:
 * [Name]:Name --`), as the error a collections call would have carried.
 */
export function parseBulkError(text: string): SalesforceFieldError {
  const trimmed = text.replace(/\s*--\s*$/, "").trim()
  const code = /^([A-Z][A-Z0-9_]*):/.exec(trimmed)
  if (!code) {
    return { statusCode: "UNKNOWN_ERROR", message: trimmed, fields: [] }
  }
  const rest = trimmed.slice(code[0].length)
  const fields = /:([A-Za-z0-9_.,]*)$/.exec(rest)
  return {
    statusCode: code[1],
    message: (fields ? rest.slice(0, fields.index) : rest).trim(),
    fields: fields?.[1] ? fields[1].split(",") : [],
  }
}

/**
 * A job's result documents, as read from successfulResults and failedResults. A record in neither is one
 * Salesforce did not process (what unprocessedrecords lists: the job failed or was aborted first), so that third
 * document is never needed to tell a record's fate.
 */
export type BulkJobResults = {
  successful: CsvRow[]
  failed: CsvRow[]
  /** The job's own errorMessage (a Failed job), for the records it did not process. */
  jobError?: string | null
}

/** The error code a record carries that Salesforce left unprocessed (its job failed or was aborted first). */
export const BULK_UNPROCESSED = "BULK_UNPROCESSED"

/** One answer per record of the step, by its external ID value, as a collections call answers. */
export function bulkAnswers(
  step: Pick<UpsertStep, "records" | "externalIdField">,
  results: BulkJobResults
): Map<string, RecordResult> {
  const key = step.externalIdField
  const answers = new Map<string, RecordResult>()
  for (const row of results.successful) {
    answers.set(row[key], {
      id: row.sf__Id,
      success: true,
      created: row.sf__Created === "true",
      errors: [],
    })
  }
  for (const row of results.failed) {
    answers.set(row[key], {
      success: false,
      errors: [parseBulkError(row.sf__Error ?? "")],
    })
  }
  const unprocessed: RecordResult = {
    success: false,
    errors: [
      {
        statusCode: BULK_UNPROCESSED,
        message: results.jobError
          ? `Salesforce did not process the record: ${results.jobError}`
          : "Salesforce did not process the record (its Bulk job ended first)",
        fields: [],
      },
    ],
  }
  const byKey = new Map<string, RecordResult>()
  for (const record of step.records) {
    byKey.set(record.key, answers.get(record.key) ?? unprocessed)
  }
  return byKey
}
