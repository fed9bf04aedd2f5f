import { apiError, RecordError, recordError } from "../errors"
import { normalizeId } from "../ids"
import { findField, findObject, findRelationship } from "../schema/lookup"
import { FieldSchema, ObjectSchema, Schema } from "../schema/types"
import { coerce, formatDateTime } from "./coerce"
import { RecordStore, SObjectRecord } from "./record-store"

// Create, update, upsert and delete with Salesforce's validation: what a record may contain comes from the schema,
// and every failure carries Salesforce's status code and message so clients see what a real org would tell them.

export type DmlContext = {
  schema: Schema
  store: RecordStore
  /** The integration user the session belongs to: owner and author of what it writes. */
  userId: string
  /** Row locks and injected record faults of the request's transaction; none for the emulator's own writes. */
  guard?: WriteGuard
}

export type WriteOperation = "create" | "update" | "upsert" | "delete"

/** A record about to be written, as the request sent it (an upsert's input includes its key). */
export type PendingWrite = {
  operation: WriteOperation
  object: ObjectSchema
  input: Record<string, unknown>
  id?: string
  key?: { field: FieldSchema; value: unknown }
}

/** Hooks a request's transaction puts around each record it writes; each may throw RecordFailure for that record. */
export type WriteGuard = {
  /** Before anything else: injected record faults. */
  check(ctx: DmlContext, write: PendingWrite): void
  /** The record (or the master record of a detail) is written by this transaction. */
  lockRecord(object: ObjectSchema, id: string): void
  /** An upsert looks its key up: a concurrent transaction that holds the key wins. */
  lockKey(object: ObjectSchema, field: FieldSchema, value: unknown): void
  /** This transaction inserted the record under an upsert key. */
  inserted(
    object: ObjectSchema,
    field: FieldSchema,
    value: unknown,
    id: string
  ): void
}

/** The record failed; other records of the same call may still succeed. */
export class RecordFailure extends Error {
  constructor(readonly errors: RecordError[]) {
    super(errors.map((e) => `${e.statusCode}: ${e.message}`).join("; "))
  }
}

/** An upsert key matched several records: REST answers 300, collections a per-record error. */
export class MultipleMatches extends Error {
  constructor(readonly ids: string[]) {
    super(`${ids.length} records match`)
  }
}

const fail = (
  statusCode: string,
  message: string,
  fields: string[] = []
): never => {
  throw new RecordFailure([recordError(statusCode, message, fields)])
}

/** The live record with this id, or the failure Salesforce gives for a missing or deleted one. */
export function requireRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  rawId: unknown
): SObjectRecord {
  const id = normalizeId(rawId)
  if (!id || id.slice(0, 3) !== object.keyPrefix) {
    return fail(
      "MALFORMED_ID",
      `${object.label} ID: id value of incorrect type: ${String(rawId)}`,
      ["Id"]
    )
  }
  const record = ctx.store.get(object, id)
  if (!record) {
    return fail("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")
  }
  if (record.IsDeleted) {
    return fail("ENTITY_IS_DELETED", "entity is deleted")
  }
  return record
}

function resolveLookup(
  ctx: DmlContext,
  field: FieldSchema,
  value: string
): string {
  const id = normalizeId(value)
  const target = id ? ctx.store.objectForId(id) : undefined
  if (!id) {
    return fail(
      "MALFORMED_ID",
      `${field.label}: id value of incorrect type: ${value}`,
      [field.name]
    )
  }
  if (
    !target ||
    !field.referenceTo.some(
      (name) => name.toLowerCase() === target.name.toLowerCase()
    )
  ) {
    return fail(
      "FIELD_INTEGRITY_EXCEPTION",
      `${field.label}: id value of incorrect type: ${value}`,
      [field.name]
    )
  }
  const record = ctx.store.get(target, id)
  if (!record) {
    return fail("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [
      field.name,
    ])
  }
  if (record.IsDeleted) {
    return fail("ENTITY_IS_DELETED", "entity is deleted", [field.name])
  }
  return id
}

/** `Invoice__r: { Medusa_Id__c: "inv_1" }`: the parent's id, found by one of its external IDs. */
function resolveExternalReference(
  ctx: DmlContext,
  field: FieldSchema,
  raw: Record<string, unknown>
): string {
  const attributes = raw.attributes as { type?: string } | undefined
  const targetName = attributes?.type ?? field.referenceTo[0]
  const target = findObject(ctx.schema, targetName)
  const keys = Object.keys(raw).filter((k) => k !== "attributes")
  if (!target || keys.length !== 1) {
    return fail(
      "INVALID_FIELD",
      `The reference field ${field.relationshipName} must name exactly one external ID field of ${targetName}`,
      [field.name]
    )
  }
  const keyField = findField(target, keys[0])
  if (!keyField || !(keyField.externalId || keyField.idLookup)) {
    return fail(
      "INVALID_FIELD",
      `Field name provided, ${keys[0]} is not an External ID or indexed field for ${target.name}`,
      [field.name]
    )
  }
  const value = raw[keys[0]]
  const matches =
    keyField.name === "Id"
      ? [ctx.store.get(target, normalizeId(value) ?? "")].filter(
          (r): r is SObjectRecord => !!r && !r.IsDeleted
        )
      : ctx.store.findBy(target, keyField, value)
  if (matches.length === 0) {
    return fail(
      "INVALID_FIELD",
      `Foreign key external ID: ${String(value)} not found for field ${keyField.name} in entity ${target.name}`,
      [field.name]
    )
  }
  if (matches.length > 1) {
    return fail(
      "INVALID_FIELD",
      `Foreign key external ID: ${String(value)} matches more than one record for field ${keyField.name} in entity ${target.name}`,
      [field.name]
    )
  }
  return matches[0].Id
}

/** Validates and converts the writable fields of a request body; throws RecordFailure or a request-wide error. */
function prepare(
  ctx: DmlContext,
  object: ObjectSchema,
  input: Record<string, unknown>,
  mode: "create" | "update"
): Record<string, unknown> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw apiError(
      400,
      "JSON_PARSER_ERROR",
      `Cannot deserialize instance of ${object.name} from the request body`
    )
  }
  const values: Record<string, unknown> = {}
  const errors: RecordError[] = []
  const readOnly: string[] = []
  for (const [key, raw] of Object.entries(input)) {
    if (key === "attributes") {
      continue
    }
    const relationship =
      raw !== null && typeof raw === "object" && !Array.isArray(raw)
        ? findRelationship(object, key)
        : undefined
    const field = relationship ?? findField(object, key)
    if (!field) {
      errors.push(
        recordError(
          "INVALID_FIELD",
          `No such column '${key}' on sobject of type ${object.name}`,
          [key]
        )
      )
      continue
    }
    if (field.name === "Id" && mode === "create") {
      errors.push(
        recordError(
          "INVALID_FIELD_FOR_INSERT_UPDATE",
          "cannot specify Id in an insert call",
          ["Id"]
        )
      )
      continue
    }
    if (mode === "create" ? !field.createable : !field.updateable) {
      readOnly.push(field.name)
      continue
    }
    try {
      if (relationship) {
        values[field.name] = resolveExternalReference(
          ctx,
          field,
          raw as Record<string, unknown>
        )
        continue
      }
      const coerced = coerce(field, raw)
      if ("error" in coerced) {
        errors.push(coerced.error)
      } else if (
        field.type === "reference" &&
        typeof coerced.value === "string"
      ) {
        values[field.name] = resolveLookup(ctx, field, coerced.value)
      } else {
        values[field.name] = coerced.value
      }
    } catch (error) {
      if (!(error instanceof RecordFailure)) {
        throw error
      }
      errors.push(...error.errors)
    }
  }
  if (readOnly.length > 0) {
    errors.push(
      recordError(
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        `Unable to create/update fields: ${readOnly.join(", ")}. Please check the security settings of this ` +
          `field and verify that it is read/write for your profile or permission set.`,
        readOnly
      )
    )
  }
  if (errors.length > 0) {
    throw new RecordFailure(errors)
  }
  return values
}

function checkRequired(object: ObjectSchema, record: SObjectRecord): void {
  const missing = object.fields
    .filter((f) => f.required && f.createable && !f.autoNumber)
    .filter(
      (f) =>
        record[f.name] === null ||
        record[f.name] === undefined ||
        record[f.name] === ""
    )
    .map((f) => f.name)
  if (missing.length > 0) {
    fail(
      "REQUIRED_FIELD_MISSING",
      `Required fields are missing: [${missing.join(", ")}]`,
      missing
    )
  }
}

function checkUnique(
  ctx: DmlContext,
  object: ObjectSchema,
  record: SObjectRecord
): void {
  for (const field of object.fields) {
    if (
      !field.unique ||
      record[field.name] === null ||
      record[field.name] === undefined
    ) {
      continue
    }
    const other = ctx.store
      .findBy(object, field, record[field.name])
      .find((r) => r.Id !== record.Id)
    if (other) {
      fail(
        "DUPLICATE_VALUE",
        `duplicate value found: ${field.name} duplicates value on record with id: ${other.Id}`
      )
    }
  }
}

/** Values Salesforce derives rather than stores as sent. */
function derive(object: ObjectSchema, record: SObjectRecord): void {
  if (object.name === "Contact") {
    record.Name = [record.FirstName, record.LastName].filter(Boolean).join(" ")
  }
}

/** Master-detail parents are locked with their details, as Salesforce locks them. */
function lockMasters(
  ctx: DmlContext,
  object: ObjectSchema,
  record: SObjectRecord
): void {
  for (const field of object.fields) {
    const parentId = record[field.name]
    if (field.cascadeDelete && typeof parentId === "string") {
      const parent = ctx.store.objectForId(parentId)
      if (parent) {
        ctx.guard?.lockRecord(parent, parentId)
      }
    }
  }
}

export function createRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  input: Record<string, unknown>
): SObjectRecord {
  ctx.guard?.check(ctx, { operation: "create", object, input })
  return insertRecord(ctx, object, input)
}

function insertRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  input: Record<string, unknown>
): SObjectRecord {
  if (!object.createable) {
    fail(
      "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
      `${object.name}: insufficient access rights on object`
    )
  }
  const values = prepare(ctx, object, input, "create")
  const now = formatDateTime(new Date())
  const record: SObjectRecord = { Id: "", IsDeleted: false }
  for (const field of object.fields) {
    if (field.type === "boolean") {
      record[field.name] = false
    } else if (field.type === "picklist") {
      record[field.name] =
        field.picklistValues.find((p) => p.defaultValue)?.value ?? null
    } else {
      record[field.name] = null
    }
  }
  Object.assign(record, values)
  checkRequired(object, record)
  derive(object, record)
  checkUnique(ctx, object, record)
  lockMasters(ctx, object, record)
  record.Id = ctx.store.newId(object)
  ctx.guard?.lockRecord(object, record.Id)
  Object.assign(record, {
    IsDeleted: false,
    CreatedDate: now,
    CreatedById: ctx.userId,
    LastModifiedDate: now,
    LastModifiedById: ctx.userId,
    SystemModstamp: now,
  })
  if (findField(object, "OwnerId") && !record.OwnerId) {
    record.OwnerId = ctx.userId
  }
  const name = findField(object, "Name")
  if (name?.autoNumber) {
    const counter = ctx.store.nextCounter(`${object.name}.Name`)
    record.Name = (name.displayFormat ?? "{0}").replace(
      /\{(0+)\}/,
      (_, zeros: string) => String(counter).padStart(zeros.length, "0")
    )
  }
  ctx.store.insert(object, record)
  return record
}

export function updateRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  id: unknown,
  input: Record<string, unknown>
): SObjectRecord {
  ctx.guard?.check(ctx, {
    operation: "update",
    object,
    input,
    id: typeof id === "string" ? id : undefined,
  })
  return changeRecord(ctx, object, id, input)
}

function changeRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  id: unknown,
  input: Record<string, unknown>
): SObjectRecord {
  const existing = requireRecord(ctx, object, id)
  ctx.guard?.lockRecord(object, existing.Id)
  const { Id: _ignored, id: _alsoIgnored, ...rest } = input
  const values = prepare(ctx, object, rest, "update")
  const now = formatDateTime(new Date())
  const record: SObjectRecord = {
    ...existing,
    ...values,
    LastModifiedDate: now,
    LastModifiedById: ctx.userId,
    SystemModstamp: now,
  }
  checkRequired(object, record)
  derive(object, record)
  checkUnique(ctx, object, record)
  lockMasters(ctx, object, record)
  ctx.store.replace(object, record)
  return record
}

/** The external ID field an upsert is keyed by; unknown or non-external fields are a 404, as in Salesforce. */
export function upsertKey(
  object: ObjectSchema,
  name: string
): FieldSchema | undefined {
  const field = findField(object, name)
  return field && (field.externalId || field.name === "Id") ? field : undefined
}

export function upsertRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  key: FieldSchema,
  value: unknown,
  input: Record<string, unknown>
): { record: SObjectRecord; created: boolean } {
  if (key.name === "Id") {
    const { Id, ...rest } = input
    const id = value || Id
    ctx.guard?.check(ctx, {
      operation: "upsert",
      object,
      input: rest,
      id: typeof id === "string" ? id : undefined,
      key: { field: key, value: id },
    })
    return id
      ? { record: changeRecord(ctx, object, id, rest), created: false }
      : { record: insertRecord(ctx, object, rest), created: true }
  }
  const withKey = { ...input, [key.name]: value }
  ctx.guard?.check(ctx, {
    operation: "upsert",
    object,
    input: withKey,
    key: { field: key, value },
  })
  if (value === null || value === undefined || value === "") {
    fail("MISSING_ARGUMENT", `${key.name} not specified`, [key.name])
  }
  ctx.guard?.lockKey(object, key, value)
  const matches = ctx.store.findBy(object, key, value)
  if (matches.length > 1) {
    throw new MultipleMatches(matches.map((r) => r.Id))
  }
  if (matches.length === 0) {
    const record = insertRecord(ctx, object, withKey)
    ctx.guard?.inserted(object, key, value, record.Id)
    return { record, created: true }
  }
  return {
    record: changeRecord(ctx, object, matches[0].Id, withKey),
    created: false,
  }
}

/** Deletes to the recycle bin: master-detail children go with their parent, lookups to it are cleared. */
export function deleteRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  id: unknown
): SObjectRecord {
  ctx.guard?.check(ctx, {
    operation: "delete",
    object,
    input: {},
    id: typeof id === "string" ? id : undefined,
  })
  const record = requireRecord(ctx, object, id)
  ctx.guard?.lockRecord(object, record.Id)
  return removeRecord(ctx, object, record)
}

function removeRecord(
  ctx: DmlContext,
  object: ObjectSchema,
  record: SObjectRecord
): SObjectRecord {
  const now = formatDateTime(new Date())
  ctx.store.replace(object, { ...record, IsDeleted: true, SystemModstamp: now })
  for (const relation of object.childRelationships) {
    const child = findObject(ctx.schema, relation.childSObject) as ObjectSchema
    const field = findField(child, relation.field) as FieldSchema
    for (const row of ctx.store
      .all(child)
      .filter((r) => r[field.name] === record.Id)) {
      if (relation.cascadeDelete) {
        removeRecord(ctx, child, row)
      } else {
        ctx.store.replace(child, {
          ...row,
          [field.name]: null,
          SystemModstamp: now,
        })
      }
    }
  }
  return record
}
