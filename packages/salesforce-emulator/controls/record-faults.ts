import { WriteOperation } from "../store/dml"

// Per-record fault injection: the Nth record written that matches a rule fails with the rule's error inside an
// otherwise good answer (a collections result, a composite subrequest, a Bulk API row), as a trigger, a lock or a
// validation rule would fail it in a real org.

type MatchValue = string | number | boolean | RegExp

export type RecordFaultRule = {
  /** sObject API name, case-insensitive; any object when left out. */
  object?: string
  operation?: WriteOperation
  /**
   * Field values the record must be sent with (e.g. its external ID, or Id for updates and deletes): equal ignoring
   * case, or a RegExp (a "/.../" string over HTTP).
   */
  match?: Record<string, MatchValue>
  /** The Nth matching record is the first to fail; default 1. */
  nth?: number
  /** How many matching records fail from the Nth on; default 1. */
  count?: number
  /** Default UNABLE_TO_LOCK_ROW. */
  errorCode?: string
  message?: string
  fields?: string[]
  /**
   * Upserts only: a concurrent request that upserts the same key commits first, so the record is written (by the
   * "other" request) and this one fails with DUPLICATE_VALUE naming it, as Salesforce answers that race.
   */
  concurrentWrite?: boolean
}

export type ActiveRecordFault = RecordFaultRule & {
  id: string
  /** Matching records seen so far. */
  seen: number
  /** Records failed so far. */
  failed: number
}

export const RECORD_FAULT_MESSAGES: Record<string, string> = {
  UNABLE_TO_LOCK_ROW:
    "unable to obtain exclusive access to this record or 1 records",
  UNKNOWN_EXCEPTION: "An unexpected error occurred.",
}

function toPattern(value: MatchValue): (actual: unknown) => boolean {
  if (value instanceof RegExp) {
    return (actual) => actual !== undefined && value.test(String(actual))
  }
  const text = String(value)
  if (text.length > 2 && text.startsWith("/") && text.endsWith("/")) {
    const pattern = new RegExp(text.slice(1, -1))
    return (actual) => actual !== undefined && pattern.test(String(actual))
  }
  return (actual) =>
    actual !== undefined &&
    actual !== null &&
    String(actual).toLowerCase() === text.toLowerCase()
}

type Candidate = {
  operation: WriteOperation
  object: string
  fields: Record<string, unknown>
}

export class RecordFaults {
  private rules: (ActiveRecordFault & {
    matchers: [string, (actual: unknown) => boolean][]
  })[] = []
  private nextId = 1

  add(rule: RecordFaultRule): string {
    if (rule.match !== undefined && typeof rule.match !== "object") {
      throw new Error("match must be an object of field names to values")
    }
    const id = `record-fault-${this.nextId++}`
    this.rules.push({
      ...rule,
      id,
      seen: 0,
      failed: 0,
      matchers: Object.entries(rule.match ?? {}).map(([name, value]) => [
        name.toLowerCase(),
        toPattern(value),
      ]),
    })
    return id
  }

  /** The rule that fails this record now, if any; every matching rule counts the record as seen. */
  take(candidate: Candidate): ActiveRecordFault | undefined {
    const fields = new Map(
      Object.entries(candidate.fields).map(([k, v]) => [k.toLowerCase(), v])
    )
    let hit: ActiveRecordFault | undefined
    for (const rule of this.rules) {
      if (
        (rule.object &&
          rule.object.toLowerCase() !== candidate.object.toLowerCase()) ||
        (rule.operation && rule.operation !== candidate.operation) ||
        !rule.matchers.every(([name, test]) => test(fields.get(name)))
      ) {
        continue
      }
      rule.seen += 1
      const due =
        rule.seen >= (rule.nth ?? 1) && rule.failed < (rule.count ?? 1)
      if (due && !hit) {
        rule.failed += 1
        hit = rule
      }
    }
    return hit
  }

  list(): ActiveRecordFault[] {
    return this.rules.map(({ matchers: _matchers, ...rule }) => ({
      ...rule,
      match: rule.match
        ? Object.fromEntries(
            Object.entries(rule.match).map(([k, v]) => [
              k,
              v instanceof RegExp ? `/${v.source}/` : v,
            ])
          )
        : undefined,
    }))
  }

  clear(): void {
    this.rules = []
  }
}
