/**
 * The sender's side of the attempt viewer and the API budget guard: a transport wrapper that, for one batch,
 * records every call (endpoint, time taken) and every record it carried with Salesforce's answer, and refuses a
 * call that would take the org past the API budget. `detailFor` then gives each document the part that concerns
 * it (modules/salesforce/attempt-detail.ts).
 */
import {
  apiBudgetError,
  exceedsBudget,
  type ApiUsage,
} from "../../../modules/salesforce/api-budget"
import type {
  AttemptDetail,
  DetailAnswer,
  DetailCall,
  DetailRecord,
} from "../../../modules/salesforce/attempt-detail"
import type { BatchPlan } from "../../../modules/salesforce/batch-plan"
import { describeSalesforceError } from "../../../modules/salesforce/lib/describe-error"
import { toSalesforceApiError } from "../../../modules/salesforce/lib/errors"
import { soqlString } from "../../../modules/salesforce/lib/soql"
import type { RecordResult } from "../../../modules/salesforce/lib/record-results"
import type { SalesforceRecord } from "../../../modules/salesforce/mapping"
import type { SalesforceTransport } from "./send-batch"

/** The guard: the share of the daily limit the batch may use, and the usage as the answers so far report it. */
export type BatchBudget = {
  percent: number
  /** Updated by the transport as answers arrive (see SalesforceSession.metered). */
  meter: { usage: ApiUsage | null }
}

const refOf = (object: string, key: unknown) => `${object}:${String(key)}`

/** A Contact lookup the batch made, with the string literals of its query (the emails it looked for). */
type TracedLookup = {
  endpoint: string
  call: number
  found: number
  literals: string[]
}

/** The quoted string literals of a SOQL query, as written (SOQL escapes with a backslash). */
const soqlLiterals = (soql: string) => soql.match(/'(?:[^'\\]|\\.)*'/g) ?? []

/**
 * A lookup's endpoint as one document's detail shows it: its own email, and how many others the query carried
 * (up to hundreds, which every document of the batch would otherwise store again).
 */
function ownLookup(lookup: TracedLookup, own: string): string {
  const others = lookup.literals.length - 1
  const open = lookup.endpoint.indexOf(" IN (")
  const close = lookup.endpoint.lastIndexOf(")")
  if (others < 1 || open < 0 || close < open) return lookup.endpoint
  const more = others === 1 ? "1 other email" : `${others} other emails`
  return `${lookup.endpoint.slice(0, open + 5)}${own}, … ${more}${lookup.endpoint.slice(close)}`
}

const answerOf = (result: RecordResult): DetailAnswer => ({
  success: result.success,
  id: result.id ?? null,
  created: result.created,
  errors: result.errors,
})

export class SendTrace {
  readonly calls: DetailCall[] = []
  private readonly records = new Map<string, DetailRecord>()
  private readonly lookups: TracedLookup[] = []
  private readonly deletions: {
    object: string
    id: string
    call: number
    answer?: DetailAnswer
  }[] = []

  constructor(
    private readonly apiVersion: string,
    private readonly budget?: BatchBudget
  ) {}

  private path(rest: string) {
    return `/services/data/v${this.apiVersion}${rest}`
  }

  /** Times one call, after checking it fits the budget; a failed call is recorded with its reason. */
  private async timed<T>(
    endpoint: string,
    call: () => Promise<T>,
    onFailure: (call: number, answer: DetailAnswer) => void = () => undefined
  ) {
    const usage = this.budget?.meter.usage
    if (this.budget && usage && exceedsBudget(usage, this.budget.percent)) {
      throw apiBudgetError(usage, this.budget.percent)
    }
    const started = Date.now()
    const index = this.calls.length
    this.calls.push({ endpoint, duration_ms: 0 })
    try {
      const result = await call()
      this.calls[index].duration_ms = Date.now() - started
      return { result, index }
    } catch (raw) {
      const error = toSalesforceApiError(raw)
      this.calls[index].duration_ms = Date.now() - started
      this.calls[index].error = describeSalesforceError(error)
      const failed = { error_code: error.errorCode, message: error.message }
      onFailure(index, failed)
      throw error
    }
  }

  private note(
    object: string,
    externalIdField: string,
    endpoint: string,
    fields: SalesforceRecord,
    call: number,
    answer?: DetailAnswer
  ) {
    const key = refOf(object, fields[externalIdField])
    const tries = (this.records.get(key)?.tries ?? 0) + 1
    this.records.set(key, {
      object,
      endpoint,
      external_id_field: externalIdField,
      external_id: String(fields[externalIdField]),
      fields,
      answer,
      call,
      tries,
    })
  }

  /** The transport, traced and guarded. */
  wrap(transport: SalesforceTransport): SalesforceTransport {
    const wrapped: SalesforceTransport = {
      recordUrl: (object, id) => transport.recordUrl(object, id),
      upsertRecords: async (object, externalIdField, records) => {
        const endpoint = `PATCH ${this.path(`/composite/sobjects/${object}/${externalIdField}`)}`
        const { result, index } = await this.timed(
          endpoint,
          () => transport.upsertRecords(object, externalIdField, records),
          (call, answer) =>
            records.forEach((r) =>
              this.note(object, externalIdField, endpoint, r, call, answer)
            )
        )
        records.forEach((r, k) =>
          this.note(
            object,
            externalIdField,
            endpoint,
            r,
            index,
            answerOf(result[k])
          )
        )
        return result
      },
      queryRecords: async <T>(soql: string) => {
        const endpoint = `GET ${this.path(`/query?q=${soql}`)}`
        const { result, index } = await this.timed(endpoint, () =>
          transport.queryRecords<T>(soql)
        )
        this.lookups.push({
          endpoint,
          call: index,
          found: result.length,
          literals: soqlLiterals(soql),
        })
        return result
      },
      destroyRecords: async (object, ids) => {
        const endpoint = `DELETE ${this.path(`/composite/sobjects?ids=${ids.join(",")}`)}`
        const { result, index } = await this.timed(
          endpoint,
          () => transport.destroyRecords(object, ids),
          (call, answer) =>
            ids.forEach((id) =>
              this.deletions.push({ object, id, call, answer })
            )
        )
        ids.forEach((id, k) =>
          this.deletions.push({
            object,
            id,
            call: index,
            answer: answerOf(result[k]),
          })
        )
        return result
      },
    }
    // The org's describe (cached by the service): no record of a document's, nothing to show for it.
    const { currencyFields } = transport
    if (currencyFields) {
      wrapped.currencyFields = () => currencyFields.call(transport)
    }
    const { upsertComposite } = transport
    if (upsertComposite) {
      const send = upsertComposite.bind(transport)
      wrapped.upsertComposite = async (collections) => {
        const endpoint = `POST ${this.path("/composite")}`
        const sub = (c: (typeof collections)[number]) =>
          `PATCH ${this.path(`/composite/sobjects/${c.object}/${c.externalIdField}`)}`
        const { result, index } = await this.timed<RecordResult[][]>(
          endpoint,
          () => send(collections),
          (call, answer) =>
            collections.forEach((c) =>
              c.records.forEach((r) =>
                this.note(c.object, c.externalIdField, sub(c), r, call, answer)
              )
            )
        )
        collections.forEach((c, k) =>
          c.records.forEach((r, j) =>
            this.note(
              c.object,
              c.externalIdField,
              sub(c),
              r,
              index,
              answerOf(result[k][j])
            )
          )
        )
        return result
      }
    }
    return wrapped
  }

  /**
   * What concerns each document of the batch, as `detailOf(documentId, email)`: the records the plans gave it (its
   * own, its lines, its customer's Account and Contact), the lookup of its customer's email, its line deletions,
   * and the calls that carried them. The plans are indexed by document once, so a document's detail costs only
   * what is its own (a batch of 10,000 documents would otherwise scan every record for every document).
   */
  detailsFor(
    plans: BatchPlan[]
  ): (documentId: string, email: string | null | undefined) => AttemptDetail {
    const recordsOf = new Map<string, Map<string, DetailRecord>>()
    for (const plan of plans) {
      for (const step of plan.steps) {
        for (const record of step.records) {
          const key = refOf(step.object, record.key)
          for (const documentId of record.document_ids) {
            let mine = recordsOf.get(documentId)
            if (!mine) recordsOf.set(documentId, (mine = new Map()))
            if (mine.has(key)) continue
            mine.set(
              key,
              this.records.get(key) ?? {
                object: step.object,
                endpoint: "",
                external_id_field: step.externalIdField,
                external_id: record.key,
                fields: record.fields,
              }
            )
          }
        }
      }
    }
    const plannedDeletions = new Map<string, Set<string>>()
    for (const plan of plans) {
      for (const d of plan.deletions) {
        const ids = plannedDeletions.get(d.document_id) ?? new Set<string>()
        plannedDeletions.set(d.document_id, ids.add(d.id))
      }
    }
    // Many documents share a customer: each email's lookups are found once.
    const lookupsByEmail = new Map<string, TracedLookup[]>()
    const lookupsOf = (email: string) => {
      let found = lookupsByEmail.get(email)
      if (!found) {
        const quoted = soqlString(email)
        found = this.lookups.flatMap((l) => {
          const own = l.literals.find((q) => q.toLowerCase() === quoted)
          return own ? [{ ...l, endpoint: ownLookup(l, own) }] : []
        })
        lookupsByEmail.set(email, found)
      }
      return found
    }
    return (documentId, email) => {
      const mine = [...(recordsOf.get(documentId)?.values() ?? [])]
      const lookups = email ? lookupsOf(email.toLowerCase()) : []
      const planned = plannedDeletions.get(documentId)
      const deletions = planned
        ? this.deletions.filter((d) => planned.has(d.id))
        : []
      // Renumber the calls this document used, in the order they were made.
      const used = [
        ...new Set([
          ...lookups.map((l) => l.call),
          ...mine.flatMap((r) => (r.call === undefined ? [] : [r.call])),
          ...deletions.map((d) => d.call),
        ]),
      ].sort((a, b) => a - b)
      const at = new Map(used.map((call, i) => [call, i]))
      const lookupAt = new Map(lookups.map((l) => [l.call, l.endpoint]))
      return {
        calls: used.map((call) =>
          lookupAt.has(call)
            ? { ...this.calls[call], endpoint: lookupAt.get(call)! }
            : this.calls[call]
        ),
        records: mine.map((r) =>
          r.call === undefined ? r : { ...r, call: at.get(r.call) }
        ),
        lookups: lookups.map(({ endpoint, call, found }) => ({
          endpoint,
          call: at.get(call)!,
          found,
        })),
        deletions: deletions.map((d) => ({ ...d, call: at.get(d.call)! })),
      }
    }
  }
}
