import { EmulatorContext } from "../context"
import { recordError } from "../errors"
import {
  DmlContext,
  PendingWrite,
  RecordFailure,
  upsertRecord,
  WriteGuard,
} from "../store/dml"
import { FieldSchema, ObjectSchema } from "../schema/types"
import { RECORD_FAULT_MESSAGES } from "./record-faults"

// The guard a request's writes go through: injected record faults and chaos lock faults first, then the row locks
// other requests' transactions hold.

const lockFailure = () =>
  new RecordFailure([
    recordError("UNABLE_TO_LOCK_ROW", RECORD_FAULT_MESSAGES.UNABLE_TO_LOCK_ROW),
  ])

const duplicate = (field: FieldSchema, id: string) =>
  new RecordFailure([
    recordError(
      "DUPLICATE_VALUE",
      `duplicate value found: ${field.name} duplicates value on record with id: ${id}`
    ),
  ])

function keyOf(object: ObjectSchema, field: FieldSchema, value: unknown) {
  const text = String(value)
  return `${object.name}.${field.name}=${field.caseSensitive ? text : text.toLowerCase()}`
}

export type GuardScope = {
  /** The request's lock owner; none for writes outside a request (Bulk API jobs run on their own). */
  owner?: number
  /** The request drew the chaos "lock" class. */
  chaosLock?: boolean
}

export function writeGuard(
  ctx: EmulatorContext,
  scope: GuardScope
): WriteGuard {
  const { owner } = scope
  return {
    check(dml: DmlContext, write: PendingWrite) {
      if (scope.chaosLock && ctx.chaos.lockRecord()) {
        ctx.chaos.count("lock")
        throw lockFailure()
      }
      const rule = ctx.recordFaults.take({
        operation: write.operation,
        object: write.object.name,
        fields: { ...write.input, ...(write.id ? { Id: write.id } : {}) },
      })
      if (!rule) {
        return
      }
      ctx.chaos.count("record-rule")
      if (rule.concurrentWrite && write.key && write.key.field.name !== "Id") {
        const { field, value } = write.key
        // The other request's upsert commits on its own: this request's rollback does not undo it.
        const winner = ctx.store.outside(
          () =>
            upsertRecord(
              { ...dml, guard: undefined },
              write.object,
              field,
              value,
              write.input
            ).record
        )
        throw duplicate(field, winner.Id)
      }
      const errorCode = rule.errorCode ?? "UNABLE_TO_LOCK_ROW"
      throw new RecordFailure([
        recordError(
          errorCode,
          rule.message ?? RECORD_FAULT_MESSAGES[errorCode] ?? errorCode,
          rule.fields ?? []
        ),
      ])
    },
    lockRecord(object, id) {
      if (
        owner !== undefined &&
        ctx.locks.claim(owner, `${object.name}/${id}`)
      ) {
        throw lockFailure()
      }
    },
    lockKey(object, field, value) {
      if (owner === undefined) {
        return
      }
      const holder = ctx.locks.claim(owner, keyOf(object, field, value))
      if (!holder) {
        return
      }
      // The other transaction inserted this key and has not answered yet: the unique index refuses the second
      // insert, as Salesforce answers two concurrent upserts of one new external ID.
      const inserted = holder.insertedId
        ? ctx.store.get(object, holder.insertedId)
        : undefined
      if (inserted && !inserted.IsDeleted) {
        throw duplicate(field, inserted.Id)
      }
      throw lockFailure()
    },
    inserted(object, field, value, id) {
      if (owner !== undefined) {
        ctx.locks.markInserted(owner, keyOf(object, field, value), id)
      }
    },
  }
}
