import { Router } from "express"
import { EmulatorContext } from "../context"
import { Operations } from "./operations"
import { apiError, notFound, RecordError, recordError } from "../errors"
import { normalizeId } from "../ids"
import { findField, findObject } from "../schema/lookup"
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
import { SObjectRecord } from "../store/record-store"
import {
  dmlContext,
  handle,
  jsonObject,
  recordBody,
  urlObject,
  version,
} from "./helpers"

// sObject Collections (/composite/sobjects): create, update, upsert by external ID, delete and retrieve up to 200
// records in one call. Each record succeeds or fails on its own; with allOrNone every change is rolled back when
// any record fails, and the records that would have succeeded report ALL_OR_NONE_OPERATION_ROLLED_BACK.

export type SaveResult = {
  id?: string
  success: boolean
  errors: RecordError[]
  created?: boolean
}

const MAX_RECORDS = 200

const ROLLED_BACK = recordError(
  "ALL_OR_NONE_OPERATION_ROLLED_BACK",
  "Record rolled back because not all records were valid and the request was using AllOrNone header"
)

class RollBack extends Error {}

type Item = {
  result?: SaveResult
  run?: () => SaveResult
  failedId?: string
  upsert?: boolean
}

function failure(item: Item, errors: RecordError[]): SaveResult {
  return {
    ...(item.failedId ? { id: item.failedId } : {}),
    success: false,
    errors,
    ...(item.upsert ? { created: false } : {}),
  }
}

function runCollection(
  ctx: EmulatorContext,
  items: Item[],
  allOrNone: boolean
): SaveResult[] {
  let results: SaveResult[] = []
  const runAll = () =>
    items.map((item) => {
      if (item.result) {
        return item.result
      }
      try {
        return ctx.store.transaction(item.run as () => SaveResult)
      } catch (error) {
        if (error instanceof RecordFailure) {
          return failure(item, error.errors)
        }
        if (error instanceof MultipleMatches) {
          return failure(item, [
            recordError(
              "DUPLICATE_EXTERNAL_ID",
              `more than one record found for external id field: [${error.ids.join(", ")}]`
            ),
          ])
        }
        throw error
      }
    })
  try {
    ctx.store.transaction(() => {
      results = runAll()
      if (allOrNone && results.some((r) => !r.success)) {
        throw new RollBack()
      }
    })
  } catch (error) {
    if (!(error instanceof RollBack)) {
      throw error
    }
    // Rolled-back creates have no id to report; updates and deletes keep the id they were sent with.
    results = results.map((r, i) =>
      r.success ? failure(items[i], [ROLLED_BACK]) : r
    )
  }
  return results
}

function collectionBody(ctx: EmulatorContext, req: import("express").Request) {
  const body = jsonObject(req)
  const records = body.records
  if (!Array.isArray(records)) {
    throw apiError(
      400,
      "JSON_PARSER_ERROR",
      "Cannot deserialize the request: records must be a list"
    )
  }
  if (records.length > MAX_RECORDS) {
    throw apiError(
      400,
      "EXCEEDED_ID_LIMIT",
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`
    )
  }
  return {
    records: records as Record<string, unknown>[],
    allOrNone: body.allOrNone === true,
  }
}

function typeOf(
  ctx: EmulatorContext,
  record: Record<string, unknown>
): ObjectSchema | RecordError {
  const type = (record?.attributes as { type?: unknown } | undefined)?.type
  const object =
    typeof type === "string" ? findObject(ctx.schema, type) : undefined
  if (!object) {
    return recordError(
      "INVALID_TYPE",
      typeof type === "string"
        ? `sObject type '${type}' is not supported.`
        : "No SObject Type defined in record"
    )
  }
  return object
}

function splitAttributes(
  record: Record<string, unknown>
): Record<string, unknown> {
  const { attributes: _attributes, ...fields } = record ?? {}
  return fields
}

export function collectionRoutes(
  ctx: EmulatorContext,
  operations: Operations
): Router {
  const router = operations.router()

  router.post(
    "/composite/sobjects",
    handle((req, res) => {
      const { records, allOrNone } = collectionBody(ctx, req)
      const dml: DmlContext = dmlContext(ctx, res)
      const items = records.map((record): Item => {
        const object = typeOf(ctx, record)
        if (!("keyPrefix" in object)) {
          return { result: failure({}, [object]) }
        }
        return {
          run: () => ({
            id: createRecord(dml, object, splitAttributes(record)).Id,
            success: true,
            errors: [],
          }),
        }
      })
      res.json(runCollection(ctx, items, allOrNone))
    })
  )

  router.patch(
    "/composite/sobjects",
    handle((req, res) => {
      const { records, allOrNone } = collectionBody(ctx, req)
      const dml = dmlContext(ctx, res)
      const items = records.map((record): Item => {
        const { id, Id, ...fields } = splitAttributes(record)
        const recordId = (id ?? Id) as string | undefined
        const object = typeOf(ctx, record)
        if (!("keyPrefix" in object)) {
          return { result: failure({ failedId: recordId }, [object]) }
        }
        if (!recordId) {
          return {
            result: failure({}, [
              recordError(
                "MISSING_ARGUMENT",
                "Id not specified in an update call",
                ["Id"]
              ),
            ]),
          }
        }
        return {
          failedId: recordId,
          run: () => ({
            id: updateRecord(dml, object, recordId, fields).Id,
            success: true,
            errors: [],
          }),
        }
      })
      res.json(runCollection(ctx, items, allOrNone))
    })
  )

  router.delete(
    "/composite/sobjects",
    handle((req, res) => {
      const ids = String(req.query.ids ?? "")
        .split(",")
        .filter(Boolean)
      if (ids.length > MAX_RECORDS) {
        throw apiError(
          400,
          "EXCEEDED_ID_LIMIT",
          `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`
        )
      }
      const dml = dmlContext(ctx, res)
      const items = ids.map((raw): Item => {
        const id = normalizeId(raw)
        const object = id ? ctx.store.objectForId(id) : undefined
        if (!id || !object) {
          return {
            result: failure({ failedId: raw }, [
              recordError("MALFORMED_ID", `malformed id ${raw}`),
            ]),
          }
        }
        return {
          failedId: raw,
          run: () => ({
            id: deleteRecord(dml, object, id).Id,
            success: true,
            errors: [],
          }),
        }
      })
      res.json(runCollection(ctx, items, req.query.allOrNone === "true"))
    })
  )

  router.patch(
    "/composite/sobjects/:object/:field",
    handle((req, res) => {
      const object = urlObject(ctx, req.params.object)
      const field = findField(object, req.params.field)
      if (!field) {
        throw notFound()
      }
      const key = upsertKey(object, field.name)
      if (!key) {
        throw apiError(
          400,
          "INVALID_FIELD",
          `Field name provided, ${field.name} is not an External ID or indexed field for ${object.name}`
        )
      }
      const { records, allOrNone } = collectionBody(ctx, req)
      const dml = dmlContext(ctx, res)
      // The same key twice in one call is refused for both records, as Salesforce does.
      const counts = new Map<string, number>()
      const keyOf = (record: Record<string, unknown>) => {
        const fields = splitAttributes(record)
        const entry = Object.entries(fields).find(
          ([name]) => name.toLowerCase() === key.name.toLowerCase()
        )
        return entry?.[1]
      }
      for (const record of records) {
        const value = keyOf(record)
        if (value !== undefined && value !== null && value !== "") {
          const normalized = String(value).toLowerCase()
          counts.set(normalized, (counts.get(normalized) ?? 0) + 1)
        }
      }
      const items = records.map((record): Item => {
        const type = (record?.attributes as { type?: string } | undefined)?.type
        if (type && type.toLowerCase() !== object.name.toLowerCase()) {
          return {
            upsert: true,
            result: failure({ upsert: true }, [
              recordError(
                "INVALID_TYPE",
                `Record type ${type} does not match ${object.name}`
              ),
            ]),
          }
        }
        const value = keyOf(record)
        if (
          value !== undefined &&
          value !== null &&
          value !== "" &&
          (counts.get(String(value).toLowerCase()) ?? 0) > 1
        ) {
          return {
            upsert: true,
            result: failure({ upsert: true }, [
              recordError(
                "DUPLICATE_EXTERNAL_ID",
                `Duplicate external id specified: ${String(value)}`,
                [key.name]
              ),
            ]),
          }
        }
        const { [key.name]: _key, ...rest } = Object.fromEntries(
          Object.entries(splitAttributes(record)).map(([name, v]) => [
            name.toLowerCase() === key.name.toLowerCase() ? key.name : name,
            v,
          ])
        )
        return {
          upsert: true,
          run: () => {
            const { record: saved, created } = upsertRecord(
              dml,
              object,
              key,
              value,
              rest
            )
            return { id: saved.Id, success: true, errors: [], created }
          },
        }
      })
      res.json(runCollection(ctx, items, allOrNone))
    })
  )

  const retrieve = (
    req: import("express").Request,
    object: ObjectSchema,
    ids: string[],
    fields: string[]
  ) => {
    for (const name of fields) {
      if (!findField(object, name)) {
        throw apiError(
          400,
          "INVALID_FIELD",
          `No such column '${name}' on entity '${object.name}'.`
        )
      }
    }
    return ids.map((raw) => {
      const id = normalizeId(raw)
      const record: SObjectRecord | undefined = id
        ? ctx.store.get(object, id)
        : undefined
      // Ids that are unknown or not readable come back as null, in request order.
      return record && !record.IsDeleted
        ? recordBody(version(req), object, record, fields)
        : null
    })
  }

  router.get(
    "/composite/sobjects/:object",
    handle((req, res) => {
      const object = urlObject(ctx, req.params.object)
      const split = (v: unknown) =>
        String(v ?? "")
          .split(",")
          .filter(Boolean)
      res.json(
        retrieve(req, object, split(req.query.ids), split(req.query.fields))
      )
    })
  )

  router.post(
    "/composite/sobjects/:object",
    handle((req, res) => {
      const object = urlObject(ctx, req.params.object)
      const body = jsonObject(req)
      if (!Array.isArray(body.ids) || !Array.isArray(body.fields)) {
        throw apiError(400, "JSON_PARSER_ERROR", "ids and fields must be lists")
      }
      res.json(
        retrieve(req, object, body.ids.map(String), body.fields.map(String))
      )
    })
  )

  return router.express
}
