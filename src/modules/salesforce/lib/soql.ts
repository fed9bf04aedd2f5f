// SOQL literals for the queries the sync sends. A query travels in the URL, which Salesforce caps at 16,384 bytes
// with the headers, so a long `IN (...)` list is split into as few queries as keep each list short enough.

/** A SOQL string literal. */
export function soqlString(value: string) {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`
}

/** The URL-encoded length each `IN (...)` list stays under. */
const MAX_IN_LIST_CHARS = 8000

/** The values as string literals, in as few `IN (...)` lists (comma-separated) as keep each under the limit. */
export function soqlInLists(values: string[]): string[] {
  const lists: string[][] = [[]]
  let size = 0
  for (const value of values.map(soqlString)) {
    const cost = encodeURIComponent(`${value}, `).length
    if (size + cost > MAX_IN_LIST_CHARS && lists[lists.length - 1].length) {
      lists.push([])
      size = 0
    }
    lists[lists.length - 1].push(value)
    size += cost
  }
  return lists.map((l) => l.join(", "))
}
