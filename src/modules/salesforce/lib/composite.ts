// `POST /composite` carrying sObject Collections upserts: the request body and the reading of its answer, as pure
// functions (client.ts sends it). Request-level allOrNone is false and so is each collection's, so one failing
// record fails only itself; a subrequest refused as a whole (e.g. INVALID_FIELD for the collection) fails each of
// its records with Salesforce's error.
import { SalesforceApiError } from "./errors"
import { RecordResult, toRecordResult } from "./record-results"

/** One collection of a composite: records of one object, upserted by one external ID field. */
export type CollectionUpsert = {
  object: string
  externalIdField: string
  records: Record<string, unknown>[]
}

type CompositeAnswer = {
  compositeResponse?: {
    body?: unknown
    httpStatusCode?: number
    referenceId?: string
  }[]
}

const referenceOf = (index: number) => `c${index}`

export function compositeUpsertBody(
  apiVersion: string,
  collections: CollectionUpsert[]
) {
  return {
    allOrNone: false,
    compositeRequest: collections.map((c, index) => ({
      method: "PATCH",
      url: `/services/data/v${apiVersion}/composite/sobjects/${c.object}/${c.externalIdField}`,
      referenceId: referenceOf(index),
      body: {
        allOrNone: false,
        records: c.records.map((record) => ({
          attributes: { type: c.object },
          ...record,
        })),
      },
    })),
  }
}

/** A subrequest's own error body (`[{ errorCode, message, fields }]`) as a result for each of its records. */
function refusedCollection(body: unknown, status: number | undefined) {
  const [first] = Array.isArray(body) ? body : [body]
  const error = (first ?? {}) as {
    errorCode?: unknown
    message?: unknown
    fields?: unknown
  }
  return toRecordResult({
    success: false,
    errors: [
      {
        statusCode: String(error.errorCode ?? "UNKNOWN_ERROR"),
        message: String(
          error.message ?? `Salesforce answered the collection with ${status}`
        ),
        fields: Array.isArray(error.fields) ? error.fields : [],
      },
    ],
  })
}

/** Each collection's per-record results, in input order. */
export function readCompositeUpsertAnswer(
  collections: CollectionUpsert[],
  answer: unknown
): RecordResult[][] {
  const responses = (answer as CompositeAnswer | null)?.compositeResponse
  if (!Array.isArray(responses)) {
    throw new SalesforceApiError({
      errorCode: "UNEXPECTED_RESPONSE",
      message: "Salesforce's composite answer has no compositeResponse",
    })
  }
  const byReference = new Map(responses.map((r) => [r.referenceId, r]))
  return collections.map((collection, index) => {
    const response = byReference.get(referenceOf(index))
    if (!response) {
      throw new SalesforceApiError({
        errorCode: "UNEXPECTED_RESPONSE",
        message: `Salesforce's composite answer has nothing for collection ${index} (${collection.object})`,
      })
    }
    const status = response.httpStatusCode ?? 0
    if (status >= 200 && status < 300) {
      if (
        !Array.isArray(response.body) ||
        response.body.length !== collection.records.length
      ) {
        // Results are matched to records by position: a short answer would pair them wrongly.
        throw new SalesforceApiError({
          errorCode: "UNEXPECTED_RESPONSE",
          message: `Salesforce answered ${Array.isArray(response.body) ? response.body.length : "no"} results for ${collection.records.length} ${collection.object} records`,
        })
      }
      return response.body.map(toRecordResult)
    }
    const refused = refusedCollection(response.body, status)
    return collection.records.map(() => refused)
  })
}
