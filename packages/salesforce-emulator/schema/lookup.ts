import { FieldSchema, ObjectSchema, Schema } from "./types"

// API names are case-insensitive in Salesforce (`select id from account` works); answers use the canonical case.

const fieldCache = new WeakMap<ObjectSchema, Map<string, FieldSchema>>()
const relationshipCache = new WeakMap<ObjectSchema, Map<string, FieldSchema>>()

export function findObject(
  schema: Schema,
  name: string
): ObjectSchema | undefined {
  return schema.objects.get(name.toLowerCase())
}

export function findField(
  object: ObjectSchema,
  name: string
): FieldSchema | undefined {
  let fields = fieldCache.get(object)
  if (!fields) {
    fields = new Map(object.fields.map((f) => [f.name.toLowerCase(), f]))
    fieldCache.set(object, fields)
  }
  return fields.get(name.toLowerCase())
}

/** The reference field behind a relationship name: `Account` for AccountId, `Invoice__r` for Invoice__c. */
export function findRelationship(
  object: ObjectSchema,
  name: string
): FieldSchema | undefined {
  let relationships = relationshipCache.get(object)
  if (!relationships) {
    relationships = new Map(
      object.fields
        .filter((f) => f.relationshipName)
        .map((f) => [(f.relationshipName as string).toLowerCase(), f])
    )
    relationshipCache.set(object, relationships)
  }
  return relationships.get(name.toLowerCase())
}

export function noSuchColumn(object: ObjectSchema, name: string): string {
  return (
    `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure ` +
    `to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the ` +
    `appropriate names.`
  )
}
