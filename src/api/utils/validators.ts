import { z } from "@medusajs/framework/zod"

/**
 * The deepest offset a list answers: PostgreSQL reads and drops every row before it, so page 5,000 of a million
 * attempts costs as much as reading them. Deeper than this, a filter (a date range, a status) narrows the list.
 */
export const MAX_LIST_OFFSET = 10_000

/**
 * Paging for our list routes: 20 a page by default, at most 100, never a negative or fractional offset (Medusa's
 * own `createFindParams` passes `offset=-1` through to the database, which answers 500), nor one past
 * MAX_LIST_OFFSET.
 */
export const createAdminListParams = () =>
  z.object({
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .max(
        MAX_LIST_OFFSET,
        `offset may be at most ${MAX_LIST_OFFSET}: narrow the list with a filter instead`
      )
      .default(0),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })

/** The longest id we take: Medusa's are a short prefix and a 26-character ULID. */
export const MAX_ID_LENGTH = 64
const ID_FORMAT = /^[A-Za-z0-9_-]+$/

/** Why `value` is not an id as `field`, or null when it is one. */
export function idProblem(field: string, value: string): string | null {
  if (value.length > MAX_ID_LENGTH) {
    return `${field} must be at most ${MAX_ID_LENGTH} characters`
  }
  if (!ID_FORMAT.test(value)) {
    return `${field} must be an id (letters, digits, _ and -)`
  }
  return null
}

/** An entity id in a query, e.g. `run_id`: its format and length checked before it reaches a query. */
export const createIdParam = (field: string) =>
  z.string({ error: `${field} must be one id` }).superRefine((value, ctx) => {
    const problem = idProblem(field, value)
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem })
    }
  })

/** `order=<field>` or `order=-<field>` (descending), over the fields a list can be sorted by. */
export const createOrderParam = <T extends string>(fields: readonly T[]) =>
  z
    .enum([...fields, ...fields.map((f) => `-${f}` as const)] as [
      T | `-${T}`,
      ...(T | `-${T}`)[],
    ])
    .optional()

const DATE_OPERATORS = ["$gt", "$gte", "$lt", "$lte"]
// An ISO 8601 date or date-time: what the admin sends, and what PostgreSQL reads the same way whatever its locale.
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * A date range such as `created_at[$gte]=2026-01-01`: only the comparison operators, each an ISO date (an unknown
 * operator or a value that is not a date would otherwise reach PostgreSQL and answer 500). The messages name the
 * field, which Medusa's error formatter does not add to a refinement's message.
 */
export const createDateRangeParam = (field: string) =>
  z
    .record(z.string(), z.unknown())
    .superRefine((range, ctx) => {
      for (const [operator, value] of Object.entries(range)) {
        if (!DATE_OPERATORS.includes(operator)) {
          ctx.addIssue({
            code: "custom",
            message: `Field '${field}' takes ${DATE_OPERATORS.join(", ")}, not '${operator}'`,
          })
        } else if (
          typeof value !== "string" ||
          !ISO_DATE.test(value) ||
          Number.isNaN(Date.parse(value))
        ) {
          ctx.addIssue({
            code: "custom",
            message: `Field '${field}[${operator}]' must be an ISO date, got '${String(value)}'`,
          })
        }
      }
    })
    .optional()
