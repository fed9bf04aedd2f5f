import { apiError } from "../errors"

// Values of the literals @jetstreamapp/soql-parser-js hands over as raw text, typed by its literalType.

/** A date literal such as TODAY or LAST_N_DAYS:7: the UTC range [start, end) it stands for, in ms. */
export type DateRange = { start: number; end: number }

export type Literal = string | number | boolean | null | DateRange

const DAY = 24 * 60 * 60 * 1000

function startOfToday(): number {
  const now = new Date()
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
}

function monthRange(offset: number): DateRange {
  const now = new Date()
  return {
    start: Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1),
    end: Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 1),
  }
}

function dateLiteral(text: string): DateRange {
  const today = startOfToday()
  const [name, n] = text.toUpperCase().split(":")
  const count = Number(n)
  switch (name) {
    case "TODAY":
      return { start: today, end: today + DAY }
    case "YESTERDAY":
      return { start: today - DAY, end: today }
    case "TOMORROW":
      return { start: today + DAY, end: today + 2 * DAY }
    case "LAST_N_DAYS":
      return { start: today - count * DAY, end: today + DAY }
    case "NEXT_N_DAYS":
      return { start: today, end: today + (count + 1) * DAY }
    case "THIS_MONTH":
      return monthRange(0)
    case "LAST_MONTH":
      return monthRange(-1)
    case "NEXT_MONTH":
      return monthRange(1)
    default:
      throw apiError(
        400,
        "MALFORMED_QUERY",
        `The date literal ${text} is not supported by the emulator`
      )
  }
}

// SOQL string escapes; \% and \_ stay escaped because only LIKE gives them meaning.
const ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  '"': '"',
  "'": "'",
  "\\": "\\",
}

function unquote(text: string): string {
  return text
    .slice(1, -1)
    .replace(/\\(.)/g, (whole, c: string) =>
      c === "%" || c === "_" ? whole : (ESCAPES[c] ?? c)
    )
}

export function literalValue(literalType: string, text: string): Literal {
  switch (literalType) {
    case "STRING":
      return unquote(text)
    case "INTEGER":
    case "DECIMAL":
    case "INTEGER_WITH_CURRENCY_PREFIX":
    case "DECIMAL_WITH_CURRENCY_PREFIX":
      return Number(text.replace(/^[A-Z]{3}/, ""))
    case "BOOLEAN":
      return text.toUpperCase() === "TRUE"
    case "NULL":
      return null
    case "DATE":
      return text
    case "DATETIME":
      return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))
    case "DATE_LITERAL":
    case "DATE_N_LITERAL":
      return dateLiteral(text)
    default:
      throw apiError(
        400,
        "MALFORMED_QUERY",
        `Literals of type ${literalType} are not supported by the emulator`
      )
  }
}

export function isRange(value: unknown): value is DateRange {
  return (
    value !== null &&
    typeof value === "object" &&
    "start" in value &&
    "end" in value
  )
}
