import { makeId } from "../ids"
import { FieldSchema, ObjectSchema, Schema } from "../schema/types"

/** A stored record: field values by their API names, always with Id and IsDeleted. */
export type SObjectRecord = {
  Id: string
  IsDeleted: boolean
  [field: string]: unknown
}

/** Everything the store keeps, as written to the persist file. */
export type StoreSnapshot = {
  counters: Record<string, number>
  records: Record<string, SObjectRecord[]>
}

// Indexed fields are the ones looked up by value on hot paths: upserts by external ID, unique checks, and the
// contact-by-email lookup the sync does. Deleted records leave the indexes, which frees their unique values as
// the recycle bin does in a real org.
function indexed(field: FieldSchema): boolean {
  return (
    field.externalId ||
    field.unique ||
    (field.type === "email" && field.idLookup)
  )
}

function indexKey(field: FieldSchema, value: unknown): string | null {
  if (value === null || value === undefined || value === "") {
    return null
  }
  const text = String(value)
  return field.caseSensitive ? text : text.toLowerCase()
}

/**
 * In-memory tables with value indexes and an undo log, so a collection call with allOrNone can roll back every
 * change it made. Validation lives elsewhere: the store trusts its callers.
 */
export class RecordStore {
  private tables = new Map<string, Map<string, SObjectRecord>>()
  private indexes = new Map<string, Map<string, Set<string>>>()
  private counters: Record<string, number> = {}
  private undoLog: (() => void)[] | null = null
  private readonly byPrefix = new Map<string, ObjectSchema>()

  constructor(
    private readonly schema: Schema,
    private readonly onChange: () => void = () => {}
  ) {
    for (const object of schema.objects.values()) {
      this.byPrefix.set(object.keyPrefix, object)
      this.tables.set(object.name, new Map())
    }
  }

  objectForId(id: string): ObjectSchema | undefined {
    return this.byPrefix.get(id.slice(0, 3))
  }

  get(object: ObjectSchema, id: string): SObjectRecord | undefined {
    return this.table(object).get(id)
  }

  /** Records of an object in insertion order, deleted ones only when asked (queryAll). */
  all(object: ObjectSchema, includeDeleted = false): SObjectRecord[] {
    const records = [...this.table(object).values()]
    return includeDeleted ? records : records.filter((r) => !r.IsDeleted)
  }

  /** Live records whose field equals value (case-insensitively unless the field says otherwise). */
  findBy(
    object: ObjectSchema,
    field: FieldSchema,
    value: unknown
  ): SObjectRecord[] {
    const key = indexKey(field, value)
    if (key === null) {
      return []
    }
    if (indexed(field)) {
      const ids = this.indexes.get(`${object.name}.${field.name}`)?.get(key)
      return ids
        ? [...ids].map((id) => this.table(object).get(id) as SObjectRecord)
        : []
    }
    return this.all(object).filter(
      (r) => indexKey(field, r[field.name]) === key
    )
  }

  nextCounter(name: string): number {
    // Not undone on rollback: like Salesforce, an id is never handed out twice.
    const next = (this.counters[name] ?? 0) + 1
    this.counters[name] = next
    return next
  }

  newId(object: ObjectSchema): string {
    return makeId(object.keyPrefix, this.nextCounter(object.keyPrefix))
  }

  insert(object: ObjectSchema, record: SObjectRecord): void {
    this.table(object).set(record.Id, record)
    this.index(object, record, +1)
    this.remember(() => {
      this.index(object, record, -1)
      this.table(object).delete(record.Id)
    })
    this.onChange()
  }

  /** Replaces a record by a changed copy; records are never mutated in place so rollbacks can restore them. */
  replace(object: ObjectSchema, next: SObjectRecord): void {
    const previous = this.table(object).get(next.Id)
    if (!previous) {
      throw new Error(`replace: ${next.Id} is not stored`)
    }
    this.index(object, previous, -1)
    this.table(object).set(next.Id, next)
    this.index(object, next, +1)
    this.remember(() => {
      this.index(object, next, -1)
      this.table(object).set(previous.Id, previous)
      this.index(object, previous, +1)
    })
    this.onChange()
  }

  /** Runs fn; when it throws, every change it made is undone before the error goes on. */
  transaction<T>(fn: () => T): T {
    const outer = this.undoLog
    const log: (() => void)[] = []
    this.undoLog = log
    try {
      const result = fn()
      outer?.push(...log)
      return result
    } catch (error) {
      for (const undo of log.reverse()) {
        undo()
      }
      throw error
    } finally {
      this.undoLog = outer
    }
  }

  /** Runs fn as a transaction of its own, which a rollback of the enclosing transaction does not undo. */
  outside<T>(fn: () => T): T {
    const outer = this.undoLog
    this.undoLog = null
    try {
      return this.transaction(fn)
    } finally {
      this.undoLog = outer
    }
  }

  clear(): void {
    for (const table of this.tables.values()) {
      table.clear()
    }
    this.indexes.clear()
    this.counters = {}
    this.onChange()
  }

  snapshot(): StoreSnapshot {
    const records: Record<string, SObjectRecord[]> = {}
    for (const [name, table] of this.tables) {
      if (table.size > 0) {
        records[name] = [...table.values()]
      }
    }
    return { counters: { ...this.counters }, records }
  }

  restore(snapshot: StoreSnapshot): void {
    this.clear()
    this.counters = { ...snapshot.counters }
    for (const [name, records] of Object.entries(snapshot.records)) {
      const object = this.schema.objects.get(name.toLowerCase())
      if (!object) {
        // The metadata changed since the file was written; records of removed objects are dropped.
        continue
      }
      for (const record of records) {
        this.table(object).set(record.Id, record)
        this.index(object, record, +1)
      }
    }
  }

  private table(object: ObjectSchema): Map<string, SObjectRecord> {
    return this.tables.get(object.name) as Map<string, SObjectRecord>
  }

  private remember(undo: () => void): void {
    this.undoLog?.push(undo)
  }

  private index(
    object: ObjectSchema,
    record: SObjectRecord,
    direction: 1 | -1
  ): void {
    if (record.IsDeleted) {
      return
    }
    for (const field of object.fields) {
      if (!indexed(field)) {
        continue
      }
      const key = indexKey(field, record[field.name])
      if (key === null) {
        continue
      }
      const name = `${object.name}.${field.name}`
      let index = this.indexes.get(name)
      if (!index) {
        index = new Map()
        this.indexes.set(name, index)
      }
      let ids = index.get(key)
      if (direction === 1) {
        if (!ids) {
          ids = new Set()
          index.set(key, ids)
        }
        ids.add(record.Id)
      } else if (ids) {
        ids.delete(record.Id)
        if (ids.size === 0) {
          index.delete(key)
        }
      }
    }
  }
}
