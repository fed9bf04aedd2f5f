// Salesforce record ids: a 3-character key prefix, 12 more base-62 characters, and a 3-character suffix that
// encodes which of the first 15 characters are upper case (so the 18-character form survives case-insensitive
// systems). Lookups accept either form.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
const SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

export function checksumSuffix(id15: string): string {
  let suffix = ""
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i]
      if (c >= "A" && c <= "Z") {
        bits |= 1 << i
      }
    }
    suffix += SUFFIX[bits]
  }
  return suffix
}

/** The id for the n-th record of an object: prefix, a fixed pod part, then the counter in base 62. */
export function makeId(keyPrefix: string, counter: number): string {
  let body = ""
  let n = counter
  for (let i = 0; i < 9; i++) {
    body = BASE62[n % 62] + body
    n = Math.floor(n / 62)
  }
  const id15 = `${keyPrefix}Dn0${body}`
  return id15 + checksumSuffix(id15)
}

/** The 18-character form of a 15- or 18-character id, or null when the value is not an id at all. */
export function normalizeId(value: unknown): string | null {
  if (
    typeof value !== "string" ||
    !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)
  ) {
    return null
  }
  const id15 = value.slice(0, 15)
  const id18 = id15 + checksumSuffix(id15)
  if (value.length === 18 && value.slice(15).toUpperCase() !== id18.slice(15)) {
    return null
  }
  return id18
}
