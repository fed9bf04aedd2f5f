import { FieldSchema, ObjectSchema, Schema } from "./types"

// describe() answers in the shape of the REST API's sObject Describe and Describe Global resources, trimmed to the
// properties clients read (field names, types, lengths, nillable, external IDs, relationships, picklists, urls).

function urls(version: string, object: ObjectSchema): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`
  return {
    sobject: base,
    describe: `${base}/describe`,
    rowTemplate: `${base}/{ID}`,
  }
}

/** Whether SOQL may GROUP BY the field: not numbers, not long text. */
export function isGroupable(field: FieldSchema): boolean {
  return (
    !["double", "currency", "percent", "int"].includes(field.type) &&
    field.type !== "textarea"
  )
}

function describeField(field: FieldSchema) {
  const numeric = ["double", "currency", "percent", "int"].includes(field.type)
  const text = [
    "string",
    "email",
    "phone",
    "url",
    "textarea",
    "picklist",
    "id",
  ].includes(field.type)
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: soapType(field),
    length: text ? field.length : 0,
    byteLength: text ? field.length * 3 : 0,
    precision: numeric ? field.precision : 0,
    scale: numeric ? field.scale : 0,
    digits: field.type === "int" ? 9 : 0,
    // Checkboxes and required fields cannot be null; master-detail parents neither.
    nillable:
      !(field.required || field.type === "boolean" || field.name === "Id") &&
      !field.cascadeDelete,
    defaultedOnCreate:
      field.type === "boolean" ||
      field.autoNumber ||
      !field.createable ||
      field.name === "OwnerId",
    createable: field.createable,
    updateable: field.updateable,
    unique: field.unique,
    caseSensitive: field.caseSensitive,
    externalId: field.externalId,
    idLookup: field.idLookup || field.externalId,
    nameField: field.nameField,
    autoNumber: field.autoNumber,
    calculated: field.calculated,
    custom: field.custom,
    filterable: field.type !== "textarea" || field.length <= 255,
    sortable: field.type !== "textarea" || field.length <= 255,
    groupable: isGroupable(field),
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    cascadeDelete: field.cascadeDelete,
    restrictedPicklist: field.restrictedPicklist,
    picklistValues: field.picklistValues.map((p) => ({
      active: true,
      defaultValue: p.defaultValue,
      label: p.label,
      validFor: null,
      value: p.value,
    })),
    inlineHelpText: null,
    deprecatedAndHidden: false,
    htmlFormatted: false,
    writeRequiresMasterRead: false,
  }
}

function soapType(field: FieldSchema): string {
  switch (field.type) {
    case "id":
    case "reference":
      return "tns:ID"
    case "boolean":
      return "xsd:boolean"
    case "double":
    case "currency":
    case "percent":
      return "xsd:double"
    case "int":
      return "xsd:int"
    case "date":
      return "xsd:date"
    case "datetime":
      return "xsd:dateTime"
    default:
      return "xsd:string"
  }
}

function objectSummary(version: string, object: ObjectSchema) {
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    customSetting: false,
    createable: object.createable,
    updateable: object.updateable,
    deletable: object.deletable,
    undeletable: object.deletable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    layoutable: true,
    triggerable: object.custom || object.createable,
    replicateable: true,
    mergeable: false,
    feedEnabled: false,
    activateable: false,
    deprecatedAndHidden: false,
    urls: urls(version, object),
  }
}

export function describeGlobal(schema: Schema, version: string) {
  return {
    encoding: "UTF-8",
    maxBatchSize: 200,
    sobjects: [...schema.objects.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((object) => objectSummary(version, object)),
  }
}

export function describeBasic(object: ObjectSchema, version: string) {
  return { objectDescribe: objectSummary(version, object), recentItems: [] }
}

export function describeObject(object: ObjectSchema, version: string) {
  return {
    ...objectSummary(version, object),
    fields: object.fields.map(describeField),
    childRelationships: object.childRelationships.map((r) => ({
      cascadeDelete: r.cascadeDelete,
      childSObject: r.childSObject,
      deprecatedAndHidden: false,
      field: r.field,
      relationshipName: r.relationshipName,
      restrictedDelete: false,
    })),
    recordTypeInfos: [],
    supportedScopes: [{ label: "All", name: "everything" }],
  }
}
