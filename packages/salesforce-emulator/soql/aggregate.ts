import { apiError } from "../errors"
import { isGroupable } from "../schema/describe"
import { ObjectSchema } from "../schema/types"
import { RecordStore, SObjectRecord } from "../store/record-store"
import { FieldPath, readPath, resolvePath } from "./field-path"
import { literalValue } from "./literals"
import type { QueryContext, ResultRow } from "./run-query"
import { compare, Condition, conditionTree, WhereNode } from "./where"

// Aggregate queries as Salesforce answers them: COUNT(), COUNT(f), COUNT_DISTINCT, SUM, AVG, MIN, MAX, with or
// without GROUP BY, HAVING, and ORDER BY / LIMIT / OFFSET over the groups. Each row is an AggregateResult without
// a url; a grouped field is named by its field name (or alias), and each aggregate without an alias is named
// expr0, expr1, … counting only the unaliased aggregates, in SELECT order.

type SelectField = {
  type: string
  field?: string
  relationships?: string[]
  functionName?: string
  parameters?: string[]
  alias?: string
}
type GroupByField = { field?: string; fn?: unknown }
type OrderBy = {
  field?: string
  fn?: { functionName?: string; parameters?: string[] }
  order?: "ASC" | "DESC"
  nulls?: "FIRST" | "LAST"
}
export type AggregateQuery = {
  fields?: SelectField[]
  groupBy?: GroupByField | GroupByField[]
  having?: WhereNode
  orderBy?: OrderBy | OrderBy[]
  limit?: number
  offset?: number
}

const FUNCTIONS = new Set([
  "COUNT",
  "COUNT_DISTINCT",
  "SUM",
  "AVG",
  "MIN",
  "MAX",
])
const NUMERIC = new Set(["double", "currency", "percent", "int"])

/** One aggregate function over one field (none for COUNT()). */
type Aggregate = { name: string; path: FieldPath | null }

function key(name: string, path: FieldPath | null): string {
  return `${name}(${path ? [...path.hops.map((h) => h.relationshipName), path.field.name].join(".") : ""})`.toLowerCase()
}

function pathOf(ctx: QueryContext, object: ObjectSchema, field: string) {
  return resolvePath(ctx.schema, object, field.split("."))
}

function aggregateOf(
  ctx: QueryContext,
  object: ObjectSchema,
  functionName: string | undefined,
  parameters: string[] | undefined
): Aggregate {
  const name = (functionName ?? "").toUpperCase()
  if (!FUNCTIONS.has(name)) {
    throw apiError(
      400,
      "MALFORMED_QUERY",
      `The emulator does not support the function ${functionName}`
    )
  }
  const [parameter] = parameters ?? []
  if (!parameter) {
    if (name !== "COUNT") {
      throw apiError(400, "MALFORMED_QUERY", `${name}() needs a field`)
    }
    return { name, path: null }
  }
  const path = pathOf(ctx, object, String(parameter))
  if ((name === "SUM" || name === "AVG") && !NUMERIC.has(path.field.type)) {
    throw apiError(
      400,
      "INVALID_FIELD",
      `field ${path.field.name} does not support aggregate operator ${name}`
    )
  }
  return { name, path }
}

/** Decimal-safe sum at the field's scale: Salesforce adds decimals exactly, where 0.1 + 0.2 drifts in a double. */
function sum(values: number[], scale: number): number {
  const factor = 10 ** Math.max(scale, 0)
  return values.reduce((total, v) => total + Math.round(v * factor), 0) / factor
}

function compute(
  store: RecordStore,
  aggregate: Aggregate,
  records: SObjectRecord[]
): unknown {
  if (!aggregate.path) {
    return records.length
  }
  const path = aggregate.path
  const values = records
    .map((r) => readPath(store, path, r))
    .filter((v) => v !== null && v !== undefined)
  switch (aggregate.name) {
    case "COUNT":
      return values.length
    case "COUNT_DISTINCT":
      return new Set(
        values.map((v) => (typeof v === "string" ? v.toLowerCase() : v))
      ).size
    case "SUM":
      return values.length ? sum(values as number[], path.field.scale) : null
    case "AVG":
      return values.length
        ? (values as number[]).reduce((a, b) => a + b, 0) / values.length
        : null
    default: {
      if (!values.length) return null
      const sorted = [...values].sort((a, b) => {
        const x = typeof a === "string" ? a.toLowerCase() : (a as number)
        const y = typeof b === "string" ? b.toLowerCase() : (b as number)
        return x < y ? -1 : x > y ? 1 : 0
      })
      return aggregate.name === "MIN" ? sorted[0] : sorted[sorted.length - 1]
    }
  }
}

/** The type an aggregate answers in, for HAVING comparisons. */
function aggregateType(aggregate: Aggregate): string {
  if (aggregate.name === "COUNT" || aggregate.name === "COUNT_DISTINCT") {
    return "int"
  }
  if (aggregate.name === "AVG") return "double"
  return aggregate.path!.field.type
}

type Group = {
  values: unknown[]
  records: SObjectRecord[]
  aggregates: Map<string, unknown>
}

/** Runs an aggregate query over the records its WHERE clause matched. */
export function selectAggregate(
  ctx: QueryContext,
  object: ObjectSchema,
  query: AggregateQuery,
  records: SObjectRecord[]
): { totalSize: number; rows: ResultRow[] } {
  const fields = query.fields ?? []
  const groupBy = query.groupBy
    ? ([] as GroupByField[]).concat(query.groupBy)
    : []
  const groupPaths = groupBy.map((g) => {
    if (!g.field) {
      throw apiError(
        400,
        "MALFORMED_QUERY",
        "The emulator supports GROUP BY on fields only (no date functions, ROLLUP or CUBE)"
      )
    }
    const path = pathOf(ctx, object, g.field)
    if (!isGroupable(path.field)) {
      throw apiError(
        400,
        "INVALID_FIELD",
        `field '${path.field.name}' can not be grouped in a query call`
      )
    }
    return path
  })
  const groupIndex = (path: FieldPath) =>
    groupPaths.findIndex(
      (g) =>
        g.field === path.field &&
        g.hops.length === path.hops.length &&
        g.hops.every((h, i) => h.field === path.hops[i].field)
    )

  // Every aggregate the query mentions (SELECT, HAVING, ORDER BY), computed once per group.
  const aggregates = new Map<string, Aggregate>()
  const need = (functionName?: string, parameters?: string[]) => {
    const aggregate = aggregateOf(ctx, object, functionName, parameters)
    const k = key(aggregate.name, aggregate.path)
    if (!aggregates.has(k)) aggregates.set(k, aggregate)
    return k
  }

  let unaliased = 0
  const columns = fields.map((f) => {
    if (f.type === "FieldFunctionExpression") {
      const k = need(f.functionName, f.parameters)
      return { name: f.alias ?? `expr${unaliased++}`, aggregate: k }
    }
    const name =
      f.type === "FieldRelationship" && f.relationships
        ? [...f.relationships, f.field].join(".")
        : f.field
    if (!name || (f.type !== "Field" && f.type !== "FieldRelationship")) {
      throw apiError(
        400,
        "MALFORMED_QUERY",
        `The emulator does not support ${f.type} in an aggregate query`
      )
    }
    const path = pathOf(ctx, object, name)
    const index = groupIndex(path)
    if (index < 0) {
      throw apiError(
        400,
        "MALFORMED_QUERY",
        `Field must be grouped or aggregated: ${path.field.name}`
      )
    }
    // A grouped parent field is named by its own field name: Account.Name answers as Name.
    return { name: f.alias ?? path.field.name, group: index }
  })

  const having = conditionTree<Group>(query.having, (condition: Condition) => {
    const literal = literalValue(
      String(condition.literalType),
      String(condition.value)
    )
    const operator = String(condition.operator).toUpperCase()
    if (condition.fn) {
      const k = need(condition.fn.functionName, condition.fn.parameters)
      const type = aggregateType(aggregates.get(k)!)
      return (group) =>
        compare(operator, { field: { type } }, group.aggregates.get(k), literal)
    }
    const path = pathOf(ctx, object, String(condition.field))
    const index = groupIndex(path)
    if (index < 0) {
      throw apiError(
        400,
        "MALFORMED_QUERY",
        `Field must be grouped or aggregated: ${path.field.name}`
      )
    }
    return (group) => compare(operator, path, group.values[index], literal)
  })

  const orderBy = query.orderBy ? ([] as OrderBy[]).concat(query.orderBy) : []
  const sortKeys = orderBy.map((o) => {
    const descending = o.order === "DESC"
    const nullsFirst = o.nulls ? o.nulls === "FIRST" : !descending
    if (o.fn) {
      const k = need(o.fn.functionName, o.fn.parameters)
      return {
        read: (g: Group) => g.aggregates.get(k),
        descending,
        nullsFirst,
      }
    }
    const path = pathOf(ctx, object, String(o.field))
    const index = groupIndex(path)
    if (index < 0) {
      throw apiError(
        400,
        "MALFORMED_QUERY",
        `Ordered field must be grouped or aggregated: ${path.field.name}`
      )
    }
    return { read: (g: Group) => g.values[index], descending, nullsFirst }
  })

  // Groups in order of first appearance; text groups case-insensitively, as SOQL compares text.
  const groups = new Map<string, Group>()
  for (const record of records) {
    const values = groupPaths.map((p) => readPath(ctx.store, p, record))
    const id = JSON.stringify(
      values.map((v) => (typeof v === "string" ? v.toLowerCase() : v))
    )
    const group: Group = groups.get(id) ?? {
      values,
      records: [],
      aggregates: new Map(),
    }
    group.records.push(record)
    groups.set(id, group)
  }
  if (!groupPaths.length && !groups.size) {
    // Without GROUP BY an aggregate query answers one row even when nothing matched.
    groups.set("[]", { values: [], records: [], aggregates: new Map() })
  }
  for (const group of groups.values()) {
    for (const [k, aggregate] of aggregates) {
      group.aggregates.set(k, compute(ctx.store, aggregate, group.records))
    }
  }

  let result = [...groups.values()].filter(having)
  if (sortKeys.length) {
    result.sort((a, b) => {
      for (const key of sortKeys) {
        const x = key.read(a) ?? null
        const y = key.read(b) ?? null
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
  const offset = query.offset ?? 0
  result = result.slice(
    offset,
    query.limit !== undefined ? offset + query.limit : undefined
  )

  const countOnly =
    fields.length === 1 &&
    fields[0].type === "FieldFunctionExpression" &&
    fields[0].functionName?.toUpperCase() === "COUNT" &&
    !(fields[0].parameters ?? []).length
  if (countOnly) {
    // Grouped, COUNT() answers the number of groups in totalSize, with no records.
    return { totalSize: result.length, rows: [] }
  }
  if (
    fields.some(
      (f) =>
        f.type === "FieldFunctionExpression" &&
        f.functionName?.toUpperCase() === "COUNT" &&
        !(f.parameters ?? []).length
    )
  ) {
    throw apiError(
      400,
      "MALFORMED_QUERY",
      "COUNT() must be the only element in the SELECT list"
    )
  }
  const rows = result.map((group) => {
    const row: ResultRow = { attributes: { type: "AggregateResult" } }
    for (const column of columns) {
      row[column.name] =
        "aggregate" in column
          ? (group.aggregates.get(column.aggregate!) ?? null)
          : (group.values[column.group!] ?? null)
    }
    return row
  })
  return { totalSize: rows.length, rows }
}
