// The TRANSPORT to Salesforce's REST API: the operations the sync needs (collections upsert, create and delete,
// SOQL queries, identity, limits), each over the session (session.ts) and answering in our types, with the input
// checks Salesforce would otherwise answer with one error for the whole call. No retry policy here: a failure
// leaves as a SalesforceApiError for the sync workflow to decide on.
import type { Connection } from "jsforce"
import type { SalesforceConnectionOptions } from "./auth"
import {
  CollectionUpsert,
  compositeUpsertBody,
  readCompositeUpsertAnswer,
} from "./composite"
import { BulkJobInfo, readJobInfo, withErrorBody } from "./bulk-ingest"
import { SalesforceApiError } from "./errors"
import { assertTrustedUrl } from "./hosts"
import { RecordResult, toRecordResult } from "./record-results"
import { ApiMeter, SalesforceClientTuning, SalesforceSession } from "./session"

export type { RecordResult } from "./record-results"
export type { CollectionUpsert } from "./composite"
export type { ApiMeter, SalesforceClientTuning } from "./session"
export type { BulkJobInfo } from "./bulk-ingest"

export type SalesforceIdentity = {
  organizationId: string
  userId: string
  username: string
  instanceUrl: string
}

/** sObject collections take at most 200 records a call. */
export const MAX_RECORDS_PER_CALL = 200
/** A composite request may hold at most 5 sObject Collections subrequests. */
export const MAX_COLLECTIONS_PER_COMPOSITE = 5
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/
export const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/

function checkApiName(kind: string, name: string): void {
  if (!API_NAME.test(name)) {
    throw new SalesforceApiError({
      errorCode: kind === "object" ? "INVALID_TYPE" : "INVALID_FIELD",
      kind: "configuration",
      message: `${name} is not a valid Salesforce ${kind} name`,
    })
  }
}

function checkJobId(id: string): string {
  if (!RECORD_ID.test(id)) {
    throw new SalesforceApiError({
      errorCode: "MALFORMED_ID",
      kind: "data",
      message: `${JSON.stringify(id)} is not a Bulk job id`,
    })
  }
  return id
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += MAX_RECORDS_PER_CALL) {
    result.push(items.slice(i, i + MAX_RECORDS_PER_CALL))
  }
  return result
}

type QueryPage<T> = { records: T[]; done: boolean; nextRecordsUrl?: string }
type IdentityBody = {
  organization_id?: unknown
  user_id?: unknown
  username?: unknown
}

/** `<instance>/lightning/r/<Object>/<Id>/view`: where a merchant opens the record. */
export function recordUrlOf(instanceUrl: string, sobject: string, id: string) {
  return `${instanceUrl}/lightning/r/${encodeURIComponent(sobject)}/${encodeURIComponent(id)}/view`
}

export class SalesforceClient {
  private readonly session: SalesforceSession
  private readonly loginUrl: string

  /** Throws an Error listing what validateConnectionOptions finds wrong (never the values). */
  constructor(
    options: SalesforceConnectionOptions,
    tuning: SalesforceClientTuning = {}
  ) {
    this.session = new SalesforceSession(options, tuning)
    this.loginUrl = options.loginUrl
  }

  /**
   * Upserts by external ID in calls of at most 200 records, one after another, with allOrNone false: results come
   * in input order, a record's failure is in its result. A whole-call failure throws, and the records of earlier
   * calls stay written (safe to repeat: every record is keyed by its external ID).
   */
  async upsert(
    sobject: string,
    externalIdField: string,
    records: Record<string, unknown>[]
  ): Promise<RecordResult[]> {
    checkApiName("object", sobject)
    checkApiName("field", externalIdField)
    const missing = records.findIndex(
      (r) =>
        r[externalIdField] === undefined ||
        r[externalIdField] === null ||
        r[externalIdField] === ""
    )
    if (missing >= 0) {
      // jsforce would throw a bare Error for the whole batch; say which record instead.
      throw new SalesforceApiError({
        errorCode: "MISSING_EXTERNAL_ID",
        kind: "data",
        fields: [externalIdField],
        message: `record ${missing} of ${sobject} has no ${externalIdField}`,
      })
    }
    return this.inChunks(records, (conn, chunk) =>
      conn.upsert(sobject, chunk, externalIdField, { allOrNone: false })
    )
  }

  /**
   * Up to 5 collections upserts (200 records each) in one `POST /composite`: one API call, run in the order given,
   * so a collection may point at records of an earlier one by external ID. Answers each collection's records in
   * input order; a whole-call failure throws.
   */
  async upsertComposite(
    collections: CollectionUpsert[]
  ): Promise<RecordResult[][]> {
    if (
      !collections.length ||
      collections.length > MAX_COLLECTIONS_PER_COMPOSITE
    ) {
      throw new SalesforceApiError({
        errorCode: "LIMIT_EXCEEDED",
        kind: "data",
        message: `a composite request takes 1 to ${MAX_COLLECTIONS_PER_COMPOSITE} collections, not ${collections.length}`,
      })
    }
    for (const c of collections) {
      checkApiName("object", c.object)
      checkApiName("field", c.externalIdField)
      if (!c.records.length || c.records.length > MAX_RECORDS_PER_CALL) {
        throw new SalesforceApiError({
          errorCode: "LIMIT_EXCEEDED",
          kind: "data",
          message: `a collection takes 1 to ${MAX_RECORDS_PER_CALL} records, not ${c.records.length}`,
        })
      }
      const missing = c.records.findIndex(
        (r) =>
          r[c.externalIdField] === undefined ||
          r[c.externalIdField] === null ||
          r[c.externalIdField] === ""
      )
      if (missing >= 0) {
        throw new SalesforceApiError({
          errorCode: "MISSING_EXTERNAL_ID",
          kind: "data",
          fields: [c.externalIdField],
          message: `record ${missing} of ${c.object} has no ${c.externalIdField}`,
        })
      }
    }
    const body = compositeUpsertBody(this.apiVersion(), collections)
    const answer = await this.session.call((conn) =>
      conn.request({
        method: "POST",
        url: "/composite",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      })
    )
    return readCompositeUpsertAnswer(collections, answer).map((results) =>
      results.map((r) => this.redactResult(r))
    )
  }

  /** Creates in calls of at most 200 records, allOrNone false; results in input order. */
  async create(
    sobject: string,
    records: Record<string, unknown>[]
  ): Promise<RecordResult[]> {
    checkApiName("object", sobject)
    const results = await this.inChunks(records, (conn, chunk) =>
      conn.create(sobject, chunk, { allOrNone: false })
    )
    // A successful create always creates; collections leave the flag out.
    return results.map((r) => (r.success ? { ...r, created: true } : r))
  }

  /**
   * Creates one record with `POST /sobjects/<object>` and answers its id; a refusal throws. The single-record
   * call is the documented way to insert a file (ContentVersion with base64 VersionData, up to 37.5 MB).
   */
  async createOne(
    sobject: string,
    record: Record<string, unknown>
  ): Promise<string> {
    checkApiName("object", sobject)
    const result = this.redactResult(
      toRecordResult(
        await this.session.call((conn) => conn.create(sobject, record))
      )
    )
    if (!result.success || !result.id) {
      const [error] = result.errors
      throw new SalesforceApiError({
        errorCode: error?.statusCode ?? "UNEXPECTED_RESPONSE",
        fields: error?.fields ?? [],
        message: error?.message || `Salesforce did not create the ${sobject}`,
      })
    }
    return result.id
  }

  /** Deletes by id in calls of at most 200, allOrNone false; results in input order. */
  async destroy(sobject: string, ids: string[]): Promise<RecordResult[]> {
    checkApiName("object", sobject)
    const malformed = ids.find((id) => !RECORD_ID.test(id))
    if (malformed !== undefined) {
      // jsforce puts ids in the query string unescaped.
      throw new SalesforceApiError({
        errorCode: "MALFORMED_ID",
        kind: "data",
        message: `${JSON.stringify(malformed)} is not a Salesforce record id`,
      })
    }
    return this.inChunks(ids, (conn, chunk) =>
      conn.destroy(sobject, chunk, { allOrNone: false })
    )
  }

  /** All rows of a SOQL query, following nextRecordsUrl page by page (each page is one API call). */
  async query<T = Record<string, unknown>>(soql: string): Promise<T[]> {
    return this.queryPages<T>(`/query?q=${encodeURIComponent(soql)}`)
  }

  private async queryPages<T>(url: string): Promise<T[]> {
    let page = await this.session.call((conn) =>
      conn.request<QueryPage<T>>(url)
    )
    const records = [...page.records]
    const seen = new Set<string>()
    while (!page.done && page.nextRecordsUrl) {
      const next: string = page.nextRecordsUrl
      // Salesforce answers a path, which jsforce joins to the instance URL; an absolute URL is sent as it is, token
      // and all.
      if (!next.startsWith("/")) {
        assertTrustedUrl("a query page's nextRecordsUrl", next, this.loginUrl)
      }
      if (seen.has(next)) {
        throw new SalesforceApiError({
          errorCode: "UNEXPECTED_RESPONSE",
          message: "Salesforce answered the same query page twice",
        })
      }
      seen.add(next)
      page = await this.session.call((conn) => conn.request<QueryPage<T>>(next))
      records.push(...page.records)
    }
    return records
  }

  /** Like query, but also sees deleted records still in the recycle bin (REST queryAll). */
  async queryAll<T = Record<string, unknown>>(soql: string): Promise<T[]> {
    return this.queryPages<T>(`/queryAll?q=${encodeURIComponent(soql)}`)
  }

  /** The fields of an sObject as describe() reports them (one API call); NOT_FOUND when the object is unknown. */
  async describeFields(sobject: string): Promise<
    {
      name: string
      type: string
      createable: boolean
      updateable: boolean
    }[]
  > {
    checkApiName("object", sobject)
    const described = await this.session.call((conn) =>
      conn.sobject(sobject).describe()
    )
    return described.fields.map((f) => ({
      name: f.name,
      type: f.type,
      createable: f.createable,
      updateable: f.updateable,
    }))
  }

  /** Org, user and instance of the session (the identity URL is not a REST call: no API budget). */
  async identity(): Promise<SalesforceIdentity> {
    const read = () =>
      this.session.call(async (conn) => {
        // The token's identity URL was checked when it came; the one the version list names is checked here.
        let url = this.session.identityUrl()
        if (!url) {
          url = (await conn.request<{ identity: string }>("/")).identity
          assertTrustedUrl(
            "the identity URL Salesforce named",
            url,
            this.loginUrl
          )
        }
        // Bearer header rather than jsforce's identity(), which puts the access token in the URL.
        return conn.request<IdentityBody>({
          method: "GET",
          url,
          headers: { accept: "application/json" },
        })
      })
    let body: IdentityBody
    try {
      body = await read()
    } catch (error) {
      // The identity URL answers an expired token with 403 Bad_OAuth_Token, which jsforce does not refresh on.
      if (
        error instanceof SalesforceApiError &&
        error.status === 403 &&
        /Bad_OAuth_Token/.test(error.message)
      ) {
        await this.session.refreshNow()
        body = await read()
      } else {
        throw error
      }
    }
    return {
      organizationId: String(body.organization_id ?? ""),
      userId: String(body.user_id ?? ""),
      username: String(body.username ?? ""),
      instanceUrl: this.instanceUrl() ?? "",
    }
  }

  // Bulk API 2.0 ingest (one API call each, as Salesforce counts them): create, upload, close, poll, results.

  /** Creates an upsert job keyed by `externalIdField`, CSV with commas and LF line endings. */
  async createUpsertJob(
    sobject: string,
    externalIdField: string
  ): Promise<BulkJobInfo> {
    checkApiName("object", sobject)
    checkApiName("field", externalIdField)
    const answer = await this.session.call((conn) =>
      conn.request({
        method: "POST",
        url: "/jobs/ingest",
        body: JSON.stringify({
          object: sobject,
          operation: "upsert",
          externalIdFieldName: externalIdField,
          contentType: "CSV",
          columnDelimiter: "COMMA",
          lineEnding: "LF",
        }),
        headers: { "content-type": "application/json" },
      })
    )
    return readJobInfo(answer)
  }

  /** The job's one CSV upload (up to 150 MB; Salesforce takes one upload a job). */
  async uploadJobData(jobId: string, csv: string): Promise<void> {
    await this.session.call((conn) =>
      conn.request({
        method: "PUT",
        url: `/jobs/ingest/${checkJobId(jobId)}/batches`,
        body: csv,
        headers: { "content-type": "text/csv" },
      })
    )
  }

  /** Closes the upload (`UploadComplete`): Salesforce starts processing. */
  async closeJob(jobId: string): Promise<BulkJobInfo> {
    return this.setJobState(jobId, "UploadComplete")
  }

  /** Aborts a job; Salesforce processes none of what it has not processed yet. */
  async abortJob(jobId: string): Promise<BulkJobInfo> {
    return this.setJobState(jobId, "Aborted")
  }

  /** Where the job stands: state, records processed and failed, the error of a failed job. */
  async jobInfo(jobId: string): Promise<BulkJobInfo> {
    const answer = await this.session.call((conn) =>
      conn.request(`/jobs/ingest/${checkJobId(jobId)}`)
    )
    return readJobInfo(answer)
  }

  /**
   * A finished job's successfulResults or failedResults as CSV text. Read as text, not through jsforce's CSV
   * parsing, which splits on any of six delimiters at once; error answers still come back as Salesforce's errors.
   */
  async jobResults(
    jobId: string,
    kind: "successfulResults" | "failedResults"
  ): Promise<string> {
    const id = checkJobId(jobId)
    const answer = await withErrorBody(() =>
      this.session.call((conn) =>
        conn.request<string>(`/jobs/ingest/${id}/${kind}`, {
          responseType: "text/plain",
        })
      )
    )
    return typeof answer === "string" ? answer : ""
  }

  private async setJobState(
    jobId: string,
    state: "UploadComplete" | "Aborted"
  ): Promise<BulkJobInfo> {
    const answer = await this.session.call((conn) =>
      conn.request({
        method: "PATCH",
        url: `/jobs/ingest/${checkJobId(jobId)}`,
        body: JSON.stringify({ state }),
        headers: { "content-type": "application/json" },
      })
    )
    return readJobInfo(answer)
  }

  /** Fresh `/limits` DailyApiRequests {used, limit} (one API call). */
  async limits(): Promise<{ used: number; limit: number }> {
    const limits = await this.session.call((conn) => conn.limits())
    const daily = limits.DailyApiRequests
    if (!daily) {
      throw new SalesforceApiError({
        errorCode: "UNEXPECTED_RESPONSE",
        message: "Salesforce's /limits has no DailyApiRequests",
      })
    }
    return { used: daily.Max - daily.Remaining, limit: daily.Max }
  }

  /** Last known API usage from the Sforce-Limit-Info header of the last answer, without a call. */
  apiUsage(): { used: number; limit: number } | null {
    return this.session.apiUsage()
  }

  /** The text with this client's secrets and access tokens (and anything credential-shaped) redacted. */
  redact(text: string): string {
    return this.session.redact(text)
  }

  /**
   * A record's result with its error messages redacted: Salesforce's per-record message can quote what a
   * validation rule or a trigger saw (a session id, a URL with the token), and it goes on to the sync log, the
   * API's answers and the logs.
   */
  private redactResult(result: RecordResult): RecordResult {
    return result.errors.length
      ? {
          ...result,
          errors: result.errors.map((e) => ({
            ...e,
            message: this.redact(e.message),
          })),
        }
      : result
  }

  /** Runs `work` counting its REST calls and the usage their answers report into `meter`. */
  metered<T>(meter: ApiMeter, work: () => Promise<T>): Promise<T> {
    return this.session.metered(meter, work)
  }

  /** The instance of the current session; null before the first call of this process. */
  instanceUrl(): string | null {
    return this.session.instanceUrl()
  }

  apiVersion(): string {
    return this.session.apiVersion()
  }

  /** The record's address, or null while this process has no session yet (its instance is not known). */
  recordUrl(sobject: string, id: string): string | null {
    const instance = this.instanceUrl()
    return instance ? recordUrlOf(instance, sobject, id) : null
  }

  /** Forget the session and any refused login: the next call logs in again. */
  reset(): void {
    this.session.reset()
  }

  private async inChunks<T>(
    items: T[],
    send: (conn: Connection, chunk: T[]) => Promise<unknown>
  ): Promise<RecordResult[]> {
    const results: RecordResult[] = []
    for (const chunk of chunks(items)) {
      const answer = await this.session.call((conn) => send(conn, chunk))
      if (!Array.isArray(answer) || answer.length !== chunk.length) {
        // Results are matched to records by position: a short answer would pair them wrongly.
        throw new SalesforceApiError({
          errorCode: "UNEXPECTED_RESPONSE",
          message: `Salesforce answered ${Array.isArray(answer) ? answer.length : "no"} results for ${chunk.length} records`,
        })
      }
      results.push(
        ...answer.map((raw) => this.redactResult(toRecordResult(raw)))
      )
    }
    return results
  }
}
