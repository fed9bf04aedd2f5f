import { parse } from "csv-parse/sync"
import { stringify } from "csv-stringify/sync"
import { SalesforceError } from "../errors"
import { findField, findObject, findRelationship } from "../schema/lookup"
import { ObjectSchema } from "../schema/types"
import {
  createRecord,
  deleteRecord,
  DmlContext,
  MultipleMatches,
  RecordFailure,
  updateRecord,
  upsertKey,
  upsertRecord,
} from "../store/dml"
import { IngestJob } from "./jobs"

// Processes an uploaded CSV the way Bulk API 2.0 does: one row at a time, each on its own (a failing row never
// undoes another), blank cells leave a field untouched, #N/A clears it, and Parent__r.ExtId__c columns set a
// lookup by the parent's external ID.

export const DELIMITERS: Record<string, string> = {
  COMMA: ",",
  SEMICOLON: ";",
  TAB: "\t",
  PIPE: "|",
  CARET: "^",
  BACKQUOTE: "`",
}

type Row = Record<string, string>

function toInput(row: Row): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [column, cell] of Object.entries(row)) {
    if (cell === "") {
      continue
    }
    const value = cell === "#N/A" ? null : cell
    const dot = column.indexOf(".")
    if (dot > 0) {
      input[column.slice(0, dot)] = { [column.slice(dot + 1)]: value }
    } else {
      input[column] = value
    }
  }
  return input
}

function errorText(error: unknown): string {
  if (error instanceof RecordFailure) {
    return error.errors
      .map((e) => `${e.statusCode}:${e.message}:${e.fields.join(",")} --`)
      .join(" ")
  }
  if (error instanceof SalesforceError) {
    return error.errors
      .map(
        (e) => `${e.errorCode}:${e.message}:${(e.fields ?? []).join(",")} --`
      )
      .join(" ")
  }
  if (error instanceof MultipleMatches) {
    return `DUPLICATE_EXTERNAL_ID:more than one record found for external id field: [${error.ids.join(", ")}]: --`
  }
  return `UNKNOWN_EXCEPTION:${(error as Error).message}: --`
}

function processRow(
  ctx: DmlContext,
  object: ObjectSchema,
  job: IngestJob,
  row: Row
): { id: string; created: boolean } {
  const input = toInput(row)
  const { Id, ...fields } = input
  switch (job.operation) {
    case "insert":
      return { id: createRecord(ctx, object, fields).Id, created: true }
    case "update":
      return { id: updateRecord(ctx, object, Id, fields).Id, created: false }
    case "delete":
    case "hardDelete":
      return { id: deleteRecord(ctx, object, Id).Id, created: false }
    case "upsert": {
      const key = upsertKey(object, job.externalIdFieldName ?? "Id")
      if (!key) {
        throw new RecordFailure([
          {
            statusCode: "INVALID_FIELD",
            message: `Invalid field for upsert, must be an External Id custom or standard indexable field: ${job.externalIdFieldName}`,
            fields: [],
          },
        ])
      }
      // jsforce sends an Id column (#N/A when empty) with every upsert; only the key decides the match.
      const value = key.name === "Id" ? Id : fields[key.name]
      const { record, created } = upsertRecord(ctx, object, key, value, fields)
      return { id: record.Id, created }
    }
  }
}

/** A header column the object does not have: a field, or `Relationship.Field` through one of its lookups. */
function unknownColumn(
  object: ObjectSchema,
  columns: string[]
): string | undefined {
  return columns.find((column) => {
    const dot = column.indexOf(".")
    return dot > 0
      ? !findRelationship(object, column.slice(0, dot))
      : !findField(object, column)
  })
}

/** Runs the job's upload and fills its result documents and counters. */
export function processJob(ctx: DmlContext, job: IngestJob): void {
  const started = Date.now()
  const delimiter = DELIMITERS[job.columnDelimiter] ?? ","
  const object = findObject(ctx.schema, job.object) as ObjectSchema
  let rows: Row[]
  let columns: string[] = []
  try {
    rows = parse(job.upload ?? "", {
      delimiter,
      columns: (header: string[]) => (columns = header.map((h) => h.trim())),
      skip_empty_lines: true,
      bom: true,
    }) as Row[]
  } catch (error) {
    job.state = "Failed"
    job.errorMessage = `InvalidBatch : Failed to parse CSV: ${(error as Error).message}`
    return
  }
  // Salesforce checks the header before any row: an unknown column fails the whole job, processing nothing.
  const unknown = unknownColumn(object, columns)
  if (unknown !== undefined) {
    job.state = "Failed"
    job.errorMessage = `InvalidBatch : Field name not found : ${unknown}`
    job.unprocessedRecords = job.upload ?? ""
    return
  }
  const successful: Row[] = []
  const failed: Row[] = []
  for (const row of rows) {
    try {
      const result = ctx.store.transaction(() =>
        processRow(ctx, object, job, row)
      )
      successful.push({
        sf__Id: result.id,
        sf__Created: String(result.created),
        ...row,
      })
    } catch (error) {
      failed.push({ sf__Id: "", sf__Error: errorText(error), ...row })
    }
  }
  const eol = job.lineEnding === "CRLF" ? "\r\n" : "\n"
  const write = (rowsOut: Row[], lead: string[]) =>
    stringify(rowsOut, {
      header: true,
      columns: [...lead, ...columns],
      record_delimiter: eol,
      quoted: true,
      quoted_empty: true,
    })
  job.successfulResults = write(successful, ["sf__Id", "sf__Created"])
  job.failedResults = write(failed, ["sf__Id", "sf__Error"])
  job.unprocessedRecords =
    columns.length > 0
      ? stringify([], { header: true, columns, record_delimiter: eol })
      : ""
  job.numberRecordsProcessed = rows.length
  job.numberRecordsFailed = failed.length
  job.totalProcessingTime = Date.now() - started
  job.state = "JobComplete"
}
