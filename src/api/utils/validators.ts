import { z } from "@medusajs/framework/zod"

/**
 * Paging for our list routes: 20 a page by default, at most 100, never a negative or fractional offset (Medusa's
 * own `createFindParams` passes `offset=-1` through to the database, which answers 500).
 */
export const createAdminListParams = () =>
  z.object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(20),
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
