import { apiError } from "../errors"
import {
  findField,
  findObject,
  findRelationship,
  noSuchColumn,
} from "../schema/lookup"
import { FieldSchema, ObjectSchema, Schema } from "../schema/types"
import { RecordStore, SObjectRecord } from "../store/record-store"

/** A field reached from the queried object, e.g. Invoice__r.Account__r.Name: the hops, then the field. */
export type FieldPath = {
  hops: { field: FieldSchema; relationshipName: string; target: ObjectSchema }[]
  field: FieldSchema
  object: ObjectSchema
}

export function resolvePath(
  schema: Schema,
  object: ObjectSchema,
  parts: string[]
): FieldPath {
  const hops: FieldPath["hops"] = []
  let current = object
  for (const part of parts.slice(0, -1)) {
    const reference = findRelationship(current, part)
    const target = reference
      ? findObject(schema, reference.referenceTo[0])
      : undefined
    if (!reference || !target) {
      throw apiError(
        400,
        "INVALID_FIELD",
        `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom ` +
          `relationship, be sure to append the '__r' after the custom relationship name. Please reference your ` +
          `WSDL or the describe call for the appropriate names.`
      )
    }
    hops.push({
      field: reference,
      relationshipName: reference.relationshipName as string,
      target,
    })
    current = target
  }
  const last = parts[parts.length - 1]
  const field = findField(current, last)
  if (!field) {
    throw apiError(400, "INVALID_FIELD", noSuchColumn(current, last))
  }
  return { hops, field, object: current }
}

/** The record a path's last hop lands on (the record itself without hops), or null where a lookup is empty. */
export function followPath(
  store: RecordStore,
  path: FieldPath,
  record: SObjectRecord,
  upTo = path.hops.length
): SObjectRecord | null {
  let current: SObjectRecord | undefined = record
  for (const hop of path.hops.slice(0, upTo)) {
    const id: unknown = current[hop.field.name]
    current = typeof id === "string" ? store.get(hop.target, id) : undefined
    if (!current) {
      return null
    }
  }
  return current
}

export function readPath(
  store: RecordStore,
  path: FieldPath,
  record: SObjectRecord
): unknown {
  const target = followPath(store, path, record)
  return target ? (target[path.field.name] ?? null) : null
}
