/**
 * A cell that starts with = + - @ (or a tab or carriage return) is a formula to a spreadsheet: prefix it with a
 * quote so opening the export never runs anything (OWASP "CSV injection").
 */
export function spreadsheetSafe<T extends Record<string, string>>(row: T): T {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      /^[=+\-@\t\r]/.test(v) ? `'${v}` : v,
    ])
  ) as T
}
