/**
 * A database error as it may be logged or stored: PostgreSQL's reason, short, without the statement and without
 * the values it quotes. knex prefixes the message with the whole statement ("<sql> - <reason>"), and PostgreSQL
 * quotes the offending value in reasons such as `invalid input syntax for type integer: "..."`; either may carry a
 * batch's customer data, and a 10,000-document statement is megabytes of log.
 */

/** Longest reason kept. */
export const MAX_DB_REASON_CHARS = 160

export function databaseErrorReason(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown }
  const message = typeof e?.message === "string" ? e.message : String(error)
  // knex: "<statement> - <reason>"; the reason is what follows the last separator.
  const at = message.lastIndexOf(" - ")
  const reason = at >= 0 ? message.slice(at + 3) : message
  const cleaned = reason
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, "…")
    .replace(/\s+/g, " ")
    .trim()
  const code =
    typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)
      ? ` (${e.code})`
      : ""
  const short =
    cleaned.length > MAX_DB_REASON_CHARS
      ? `${cleaned.slice(0, MAX_DB_REASON_CHARS)}…`
      : cleaned
  return `${short}${code}`
}
