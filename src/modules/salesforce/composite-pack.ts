/**
 * Packing a batch plan's upsert steps into `POST /composite` requests: pure, no Salesforce here.
 *
 * One composite request is one API call and carries up to 25 subrequests, of which at most 5 may be sObject
 * Collections (200 records each): up to 1,000 records a call. Subrequests run in order, so a collection may share a
 * request with the collections of its parents as long as it comes after them. Requests that hold no parent of each
 * other's records may be sent at the same time; `dependsOn` says which earlier requests must have answered first.
 *
 * A collection is cut where the records' parents change when that costs only a few records, so the children of one
 * parent (an invoice's lines) do not go in two requests at once: Salesforce locks the master record of every
 * detail it writes, and two requests writing details of one master would wait on each other's lock.
 */
import type { PlannedRecord, RecordRef, UpsertStep } from "./batch-plan"

export const MAX_SUBREQUESTS = 25
export const MAX_COLLECTIONS_PER_COMPOSITE = 5
export const MAX_RECORDS_PER_COLLECTION = 200
/** A collection is cut up to this many records early to end at a change of parent. */
const PARENT_BOUNDARY_SLACK = 20

/** One sObject Collections subrequest: consecutive records of one step. */
export type PackedCollection = {
  /** Index of the step in the plan. */
  step: number
  object: string
  externalIdField: string
  records: PlannedRecord[]
}

export type CompositePack = {
  collections: PackedCollection[]
  /** Indexes of earlier packs holding a record one of this pack's records requires. */
  dependsOn: number[]
}

export type PackLimits = {
  collectionsPerComposite: number
  recordsPerCollection: number
}

const DEFAULT_LIMITS: PackLimits = {
  collectionsPerComposite: MAX_COLLECTIONS_PER_COMPOSITE,
  recordsPerCollection: MAX_RECORDS_PER_COLLECTION,
}

const refKey = (ref: RecordRef) => `${ref.object}:${ref.key}`
const parentsOf = (record: PlannedRecord) =>
  record.requires.map(refKey).join("|")

/** A step's records in collections of at most `size`, each ending at a change of parents where that is cheap. */
export function chunkStep(records: PlannedRecord[], size: number) {
  const chunks: PlannedRecord[][] = []
  let start = 0
  while (start < records.length) {
    let end = Math.min(start + size, records.length)
    if (end < records.length) {
      const floor = Math.max(start + 1, end - PARENT_BOUNDARY_SLACK)
      let cut = end
      while (
        cut > floor &&
        parentsOf(records[cut - 1]) === parentsOf(records[cut])
      ) {
        cut--
      }
      if (parentsOf(records[cut - 1]) !== parentsOf(records[cut])) end = cut
    }
    chunks.push(records.slice(start, end))
    start = end
  }
  return chunks
}

/** The plan's steps as composite requests, in order, each with the earlier requests it must wait for. */
export function packSteps(
  steps: UpsertStep[],
  limits: PackLimits = DEFAULT_LIMITS
): CompositePack[] {
  const perComposite = Math.min(
    limits.collectionsPerComposite,
    MAX_COLLECTIONS_PER_COMPOSITE,
    MAX_SUBREQUESTS
  )
  const size = Math.min(limits.recordsPerCollection, MAX_RECORDS_PER_COLLECTION)
  const packs: CompositePack[] = []
  const packOfRecord = new Map<string, number>()
  steps.forEach((step, index) => {
    for (const records of chunkStep(step.records, size)) {
      if (!records.length) continue
      let current = packs[packs.length - 1]
      if (!current || current.collections.length >= perComposite) {
        current = { collections: [], dependsOn: [] }
        packs.push(current)
      }
      const at = packs.length - 1
      current.collections.push({
        step: index,
        object: step.object,
        externalIdField: step.externalIdField,
        records,
      })
      const deps = new Set(current.dependsOn)
      for (const record of records) {
        packOfRecord.set(refKey({ object: step.object, key: record.key }), at)
        for (const ref of record.requires) {
          const parentPack = packOfRecord.get(refKey(ref))
          if (parentPack !== undefined && parentPack !== at)
            deps.add(parentPack)
        }
      }
      current.dependsOn = [...deps].sort((a, b) => a - b)
    }
  })
  return packs
}
