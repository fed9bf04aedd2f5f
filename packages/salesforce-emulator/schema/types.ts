/** The field types the emulator understands, named as describe() reports them. */
export type FieldType =
  | "id"
  | "string"
  | "email"
  | "phone"
  | "url"
  | "textarea"
  | "picklist"
  | "boolean"
  | "double"
  | "currency"
  | "percent"
  | "int"
  | "date"
  | "datetime"
  | "reference"
  | "base64"

export type FieldSchema = {
  name: string
  label: string
  type: FieldType
  /** Characters for text types, 0 otherwise. */
  length: number
  precision: number
  scale: number
  /** Required on create: not nillable, createable and without a default. */
  required: boolean
  unique: boolean
  caseSensitive: boolean
  externalId: boolean
  createable: boolean
  updateable: boolean
  /** Name fields and system fields Salesforce lets clients look records up by. */
  idLookup: boolean
  nameField: boolean
  autoNumber: boolean
  displayFormat?: string
  calculated: boolean
  referenceTo: string[]
  relationshipName: string | null
  /** The name the parent uses for its list of these children (SOQL child subqueries), without __r. */
  childRelationshipName: string | null
  /** Master-detail children are deleted with their parent; lookups are cleared instead. */
  cascadeDelete: boolean
  /** A polymorphic reference (FirstPublishLocationId, LinkedEntityId): it may point at a record of any object. */
  anyObject?: boolean
  /** A master-detail field whose records may move to another master (reparentableMasterDetail). */
  reparentable: boolean
  picklistValues: { value: string; label: string; defaultValue: boolean }[]
  restrictedPicklist: boolean
  custom: boolean
  description?: string
}

export type ChildRelationship = {
  childSObject: string
  field: string
  relationshipName: string | null
  cascadeDelete: boolean
}

export type ObjectSchema = {
  name: string
  label: string
  labelPlural: string
  keyPrefix: string
  custom: boolean
  createable: boolean
  updateable: boolean
  deletable: boolean
  fields: FieldSchema[]
  childRelationships: ChildRelationship[]
}

/** Objects by name, looked up case-insensitively as Salesforce does. */
export type Schema = {
  objects: Map<string, ObjectSchema>
}
