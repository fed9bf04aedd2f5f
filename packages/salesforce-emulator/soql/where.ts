import { apiError } from "../errors"
import { normalizeId } from "../ids"
import { Schema, ObjectSchema } from "../schema/types"
import { RecordStore, SObjectRecord } from "../store/record-store"
import { FieldPath, readPath, resolvePath } from "./field-path"
import { isRange, Literal, literalValue } from "./literals"

// Evaluates the WHERE clause of a @jetstreamapp/soql-parser-js AST. The parser gives conditions as a right-leaning
// chain with parentheses recorded as openParen/closeParen counts on the conditions, so the chain is first laid out
// as a token list and regrouped with SOQL's precedence (NOT, then AND, then OR) into a tree of predicates.

export type Condition = {
  field?: string
  /** An aggregate function in HAVING, e.g. SUM(Total__c). */
  fn?: { functionName?: string; parameters?: string[] }
  operator?: string
  literalType?: string | string[]
  value?: string | string[]
  valueQuery?: unknown
  openParen?: number
  closeParen?: number
}

export type WhereNode = {
  left: Condition | null
  operator?: string
  right?: WhereNode
}

type Token = "(" | ")" | "AND" | "OR" | "NOT" | { condition: Condition }

export type Predicate<T = SObjectRecord> = (item: T) => boolean

/** Runs a semi-join subquery (`Id IN (SELECT AccountId FROM Contact)`) and returns its values. */
export type SubqueryRunner = (query: unknown) => unknown[]

function layOut(node: WhereNode | undefined, tokens: Token[]): void {
  if (!node) {
    return
  }
  const left = node.left
  const opens = left?.openParen ?? 0
  const closes = left?.closeParen ?? 0
  for (let i = 0; i < opens; i++) tokens.push("(")
  if (node.operator === "NOT" && !left?.field && !left?.fn) {
    tokens.push("NOT")
    for (let i = 0; i < closes; i++) tokens.push(")")
    layOut(node.right, tokens)
    return
  }
  if (!left) {
    throw apiError(400, "MALFORMED_QUERY", "unexpected WHERE clause")
  }
  tokens.push({ condition: left })
  for (let i = 0; i < closes; i++) tokens.push(")")
  if (node.operator) {
    tokens.push(node.operator.toUpperCase() as Token)
    layOut(node.right, tokens)
  }
}

function likeToRegExp(pattern: string): RegExp {
  let source = ""
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === "\\" && (pattern[i + 1] === "%" || pattern[i + 1] === "_")) {
      source += `\\${pattern[++i]}`
    } else if (c === "%") {
      source += "[\\s\\S]*"
    } else if (c === "_") {
      source += "[\\s\\S]"
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    }
  }
  return new RegExp(`^${source}$`, "i")
}

/** Comparable form of a stored value for the field's type; strings compare case-insensitively as in SOQL. */
/** What compare needs of a field: its type (a FieldPath's field, or the type an aggregate answers in). */
type Typed = { field: { type: string } }

function comparable(path: Typed, value: unknown): string | number | boolean {
  if (path.field.type === "datetime") {
    return Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))
  }
  if (path.field.type === "date") {
    return Date.parse(String(value))
  }
  if (typeof value === "string") {
    return value.toLowerCase()
  }
  return value as number | boolean
}

function literalComparable(
  path: Typed,
  literal: Exclude<Literal, null>
): string | number | boolean {
  if (path.field.type === "date" && typeof literal === "string") {
    return Date.parse(literal)
  }
  if (
    (path.field.type === "id" || path.field.type === "reference") &&
    typeof literal === "string"
  ) {
    // Ids match in their 15- and 18-character forms alike.
    return (normalizeId(literal) ?? literal).toLowerCase()
  }
  if (typeof literal === "string") {
    return literal.toLowerCase()
  }
  return literal as number | boolean
}

/** A value against a literal with SOQL's rules for the type (nulls, date ranges, case-insensitive text). */
export function compare(
  operator: string,
  path: Typed,
  value: unknown,
  literal: Literal
): boolean {
  if (literal === null) {
    if (operator === "=") return value === null
    if (operator === "!=" || operator === "<>") return value !== null
    return false
  }
  if (value === null || value === undefined) {
    return operator === "!=" || operator === "<>"
  }
  const left = comparable(path, value)
  if (isRange(literal)) {
    const at = left as number
    switch (operator) {
      case "=":
        return at >= literal.start && at < literal.end
      case "!=":
      case "<>":
        return !(at >= literal.start && at < literal.end)
      case "<":
        return at < literal.start
      case "<=":
        return at < literal.end
      case ">":
        return at >= literal.end
      case ">=":
        return at >= literal.start
    }
  }
  const right = literalComparable(path, literal)
  switch (operator) {
    case "=":
      return left === right
    case "!=":
    case "<>":
      return left !== right
    case "<":
      return left < right
    case "<=":
      return left <= right
    case ">":
      return left > right
    case ">=":
      return left >= right
    default:
      throw apiError(400, "MALFORMED_QUERY", `unexpected operator ${operator}`)
  }
}

function conditionPredicate(
  schema: Schema,
  store: RecordStore,
  object: ObjectSchema,
  condition: Condition,
  runSubquery: SubqueryRunner
): Predicate {
  if (!condition.field || !condition.operator) {
    throw apiError(
      400,
      "MALFORMED_QUERY",
      "The emulator does not support this kind of condition"
    )
  }
  const path = resolvePath(schema, object, condition.field.split("."))
  const operator = condition.operator.toUpperCase()
  const read = (record: SObjectRecord) => readPath(store, path, record)

  if (operator === "IN" || operator === "NOT IN") {
    let values: Literal[]
    if (condition.valueQuery) {
      values = runSubquery(condition.valueQuery) as Literal[]
    } else {
      const texts = Array.isArray(condition.value)
        ? condition.value
        : [condition.value ?? ""]
      const types = Array.isArray(condition.literalType)
        ? condition.literalType
        : texts.map(() => condition.literalType as string)
      values = texts.map((text, i) => literalValue(types[i], text))
    }
    const matches = (record: SObjectRecord) => {
      const value = read(record)
      return values.some((literal) => compare("=", path, value, literal))
    }
    return operator === "IN" ? matches : (record) => !matches(record)
  }
  if (operator === "LIKE") {
    const pattern = likeToRegExp(
      String(literalValue("STRING", String(condition.value)))
    )
    return (record) => {
      const value = read(record)
      return typeof value === "string" && pattern.test(value)
    }
  }
  if (operator === "INCLUDES" || operator === "EXCLUDES") {
    throw apiError(
      400,
      "MALFORMED_QUERY",
      `${operator} is only valid on multi-select picklists`
    )
  }
  const literal = literalValue(
    String(condition.literalType),
    String(condition.value)
  )
  return (record) => compare(operator, path, read(record), literal)
}

/** Builds the predicate for a parsed WHERE clause; no clause matches every record. */
export function wherePredicate(
  schema: Schema,
  store: RecordStore,
  object: ObjectSchema,
  where: WhereNode | undefined,
  runSubquery: SubqueryRunner
): Predicate {
  return conditionTree<SObjectRecord>(where, (condition) =>
    conditionPredicate(schema, store, object, condition, runSubquery)
  )
}

/**
 * A WHERE or HAVING clause as one predicate, with SOQL's precedence (NOT, then AND, then OR) and parentheses;
 * `leaf` turns each condition into a predicate over whatever is filtered (records, or groups for HAVING).
 */
export function conditionTree<T>(
  where: WhereNode | undefined,
  leaf: (condition: Condition) => Predicate<T>
): Predicate<T> {
  if (!where) {
    return () => true
  }
  const tokens: Token[] = []
  layOut(where, tokens)
  let at = 0
  const malformed = () =>
    apiError(400, "MALFORMED_QUERY", "unexpected token in WHERE clause")

  const parseOr = (): Predicate<T> => {
    const parts = [parseAnd()]
    while (tokens[at] === "OR") {
      at++
      parts.push(parseAnd())
    }
    return parts.length === 1 ? parts[0] : (r) => parts.some((p) => p(r))
  }
  const parseAnd = (): Predicate<T> => {
    const parts = [parseUnary()]
    while (tokens[at] === "AND") {
      at++
      parts.push(parseUnary())
    }
    return parts.length === 1 ? parts[0] : (r) => parts.every((p) => p(r))
  }
  const parseUnary = (): Predicate<T> => {
    const token = tokens[at++]
    if (token === "NOT") {
      const inner = parseUnary()
      return (r) => !inner(r)
    }
    if (token === "(") {
      const inner = parseOr()
      if (tokens[at++] !== ")") {
        throw malformed()
      }
      return inner
    }
    if (token && typeof token === "object") {
      return leaf(token.condition)
    }
    throw malformed()
  }

  const predicate = parseOr()
  if (at !== tokens.length) {
    throw malformed()
  }
  return predicate
}
