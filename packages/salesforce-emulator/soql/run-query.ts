import { parseQuery } from "@jetstreamapp/soql-parser-js"
import { apiError } from "../errors"
import { findObject } from "../schema/lookup"
import { ObjectSchema, Schema } from "../schema/types"
import { RecordStore, SObjectRecord } from "../store/record-store"
import { AggregateQuery, selectAggregate } from "./aggregate"
import { FieldPath, followPath, readPath, resolvePath } from "./field-path"
import { wherePredicate } from "./where"

// Runs SOQL against the store: the text is parsed by @jetstreamapp/soql-parser-js and its AST evaluated here.
// Supported: field lists with parent paths and child subqueries, WHERE, ORDER BY, LIMIT, OFFSET, COUNT(), and
// aggregate queries (aggregate.ts): COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX with GROUP BY and HAVING.

export type QueryContext = {
  schema: Schema
  store: RecordStore
  apiVersion: string
}

/** One record as the REST API returns it: attributes first, then the selected fields. */
export type ResultRow = {
  attributes: { type: string; url?: string }
  [field: string]: unknown
}

export type QueryResult = { totalSize: number; rows: ResultRow[] }

// Shapes of the parser's AST the evaluator reads; the library's own types are unions too wide to narrow cheaply.
type SelectField = {
  type: string
  field?: string
  relationships?: string[]
  functionName?: string
  parameters?: string[]
  alias?: string
  subquery?: ParsedQuery
}
type OrderBy = {
  field?: string
  order?: "ASC" | "DESC"
  nulls?: "FIRST" | "LAST"
}
type ParsedQuery = {
  fields?: SelectField[]
  sObject?: string
  relationshipName?: string
  where?: Parameters<typeof wherePredicate>[3]
  orderBy?: OrderBy | OrderBy[]
  limit?: number
  offset?: number
  groupBy?: AggregateQuery["groupBy"]
  having?: AggregateQuery["having"]
}

function parse(soql: string): ParsedQuery {
  try {
    return parseQuery(soql) as unknown as ParsedQuery
  } catch (error) {
    throw apiError(
      400,
      "MALFORMED_QUERY",
      `\n${soql}\n${(error as Error).message}`
    )
  }
}

function recordUrl(
  ctx: QueryContext,
  object: ObjectSchema,
  id: string
): string {
  return `/services/data/v${ctx.apiVersion}/sobjects/${object.name}/${id}`
}

function sortRows(
  ctx: QueryContext,
  object: ObjectSchema,
  records: SObjectRecord[],
  orderBy: OrderBy[]
): void {
  const keys = orderBy.map((o) => {
    if (!o.field) {
      throw apiError(400, "MALFORMED_QUERY", "ORDER BY supports fields only")
    }
    return {
      path: resolvePath(ctx.schema, object, o.field.split(".")),
      descending: o.order === "DESC",
      // SOQL puts nulls first in ascending order and last in descending order unless told otherwise.
      nullsFirst: o.nulls ? o.nulls === "FIRST" : o.order !== "DESC",
    }
  })
  records.sort((a, b) => {
    for (const key of keys) {
      const x = readPath(ctx.store, key.path, a)
      const y = readPath(ctx.store, key.path, b)
      if (x === y) continue
      if (x === null) return key.nullsFirst ? -1 : 1
      if (y === null) return key.nullsFirst ? 1 : -1
      const left = typeof x === "string" ? x.toLowerCase() : (x as number)
      const right = typeof y === "string" ? y.toLowerCase() : (y as number)
      if (left === right) continue
      return (left < right ? -1 : 1) * (key.descending ? -1 : 1)
    }
    return 0
  })
}

type Column =
  | { kind: "field"; path: FieldPath }
  | {
      kind: "children"
      name: string
      object: ObjectSchema
      field: string
      query: ParsedQuery
    }

function columns(
  ctx: QueryContext,
  object: ObjectSchema,
  fields: SelectField[]
): Column[] {
  return fields.map((f): Column => {
    if (f.type === "Field" && f.field) {
      return {
        kind: "field",
        path: resolvePath(ctx.schema, object, f.field.split(".")),
      }
    }
    if (f.type === "FieldRelationship" && f.field && f.relationships) {
      return {
        kind: "field",
        path: resolvePath(ctx.schema, object, [...f.relationships, f.field]),
      }
    }
    if (f.type === "FieldSubquery" && f.subquery?.relationshipName) {
      const name = f.subquery.relationshipName
      const relation = object.childRelationships.find(
        (r) => r.relationshipName?.toLowerCase() === name.toLowerCase()
      )
      if (!relation) {
        throw apiError(
          400,
          "INVALID_TYPE",
          `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a ` +
            `custom relationship, be sure to append the '__r' after the custom relationship name. Please ` +
            `reference your WSDL or the describe call for the appropriate names.`
        )
      }
      return {
        kind: "children",
        name: relation.relationshipName as string,
        object: findObject(ctx.schema, relation.childSObject) as ObjectSchema,
        field: relation.field,
        query: f.subquery,
      }
    }
    throw apiError(
      400,
      "MALFORMED_QUERY",
      `The emulator does not support ${f.type} in the field list`
    )
  })
}

function toRow(
  ctx: QueryContext,
  object: ObjectSchema,
  record: SObjectRecord,
  cols: Column[]
): ResultRow {
  const row: ResultRow = {
    attributes: { type: object.name, url: recordUrl(ctx, object, record.Id) },
  }
  for (const col of cols) {
    if (col.kind === "children") {
      const children = select(
        ctx,
        col.object,
        col.query,
        false,
        (r) => r[col.field] === record.Id
      )
      row[col.name] =
        children.rows.length === 0
          ? null
          : {
              totalSize: children.totalSize,
              done: true,
              records: children.rows,
            }
      continue
    }
    // Parent fields nest under their relationship names, with null where a lookup is empty.
    let target: Record<string, unknown> = row
    let dangling = false
    col.path.hops.forEach((hop, i) => {
      if (dangling) return
      const parent = followPath(ctx.store, col.path, record, i + 1)
      if (!parent) {
        if (!(hop.relationshipName in target))
          target[hop.relationshipName] = null
        dangling = true
        return
      }
      if (!target[hop.relationshipName]) {
        target[hop.relationshipName] = {
          attributes: {
            type: hop.target.name,
            url: recordUrl(ctx, hop.target, parent.Id),
          },
        }
      }
      target = target[hop.relationshipName] as Record<string, unknown>
    })
    if (!dangling) {
      target[col.path.field.name] = readPath(ctx.store, col.path, record)
    }
  }
  return row
}

function select(
  ctx: QueryContext,
  object: ObjectSchema,
  query: ParsedQuery,
  includeDeleted: boolean,
  scope: (record: SObjectRecord) => boolean = () => true
): QueryResult {
  const fields = query.fields ?? []
  const matches = wherePredicate(
    ctx.schema,
    ctx.store,
    object,
    query.where,
    (sub) => semiJoin(ctx, sub as ParsedQuery)
  )
  let records = ctx.store
    .all(object, includeDeleted)
    .filter((r) => scope(r) && matches(r))
  const aggregates = fields.filter((f) => f.type === "FieldFunctionExpression")
  const countOnly =
    !query.groupBy &&
    fields.length === 1 &&
    aggregates.length === 1 &&
    fields[0].functionName?.toUpperCase() === "COUNT" &&
    (fields[0].parameters ?? []).length === 0
  if (query.groupBy || (aggregates.length > 0 && !countOnly)) {
    return selectAggregate(ctx, object, query, records)
  }
  const orderBy = query.orderBy ? ([] as OrderBy[]).concat(query.orderBy) : []
  if (orderBy.length > 0) {
    sortRows(ctx, object, records, orderBy)
  }
  records = records.slice(
    query.offset ?? 0,
    query.limit !== undefined ? (query.offset ?? 0) + query.limit : undefined
  )

  if (countOnly) {
    // COUNT() answers the number in totalSize and no records.
    return { totalSize: records.length, rows: [] }
  }
  const cols = columns(ctx, object, fields)
  return {
    totalSize: records.length,
    rows: records.map((r) => toRow(ctx, object, r, cols)),
  }
}

function semiJoin(ctx: QueryContext, query: ParsedQuery): unknown[] {
  const object = requireObject(ctx, query.sObject)
  const field = query.fields?.[0]
  if (query.fields?.length !== 1 || field?.type !== "Field" || !field.field) {
    throw apiError(
      400,
      "MALFORMED_QUERY",
      "A semi-join subquery selects exactly one field"
    )
  }
  const path = resolvePath(ctx.schema, object, [field.field])
  const predicate = wherePredicate(
    ctx.schema,
    ctx.store,
    object,
    query.where,
    (sub) => semiJoin(ctx, sub as ParsedQuery)
  )
  return ctx.store
    .all(object)
    .filter(predicate)
    .map((r) => readPath(ctx.store, path, r))
}

function requireObject(
  ctx: QueryContext,
  name: string | undefined
): ObjectSchema {
  const object = name ? findObject(ctx.schema, name) : undefined
  if (!object) {
    throw apiError(
      400,
      "INVALID_TYPE",
      `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append ` +
        `the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
    )
  }
  return object
}

/** Runs a SOQL query; queryAll (includeDeleted) also sees records in the recycle bin. */
export function runQuery(
  ctx: QueryContext,
  soql: string,
  includeDeleted: boolean
): QueryResult {
  const query = parse(soql)
  const object = requireObject(ctx, query.sObject)
  return select(ctx, object, query, includeDeleted)
}
