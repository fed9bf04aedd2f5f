import { FieldSchema, FieldType } from "./types"

/** A field with Salesforce's defaults, so definitions only state what differs. */
export function field(
  name: string,
  type: FieldType,
  overrides: Partial<FieldSchema> = {}
): FieldSchema {
  return {
    name,
    label: name.replace(/__c$/, "").replace(/_/g, " "),
    type,
    length: defaultLength(type),
    precision: type === "double" || type === "currency" ? 18 : 0,
    scale: type === "double" || type === "currency" ? 2 : 0,
    required: false,
    unique: false,
    caseSensitive: false,
    externalId: false,
    createable: true,
    updateable: true,
    idLookup: false,
    nameField: false,
    autoNumber: false,
    calculated: false,
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    cascadeDelete: false,
    reparentable: false,
    picklistValues: [],
    restrictedPicklist: false,
    custom: name.endsWith("__c"),
    ...overrides,
  }
}

function defaultLength(type: FieldType): number {
  switch (type) {
    case "id":
      return 18
    case "string":
      return 255
    case "email":
      return 80
    case "phone":
      return 40
    case "url":
      return 255
    case "textarea":
      return 32000
    case "picklist":
      return 255
    default:
      return 0
  }
}

/** The audit fields every Salesforce object has. Read-only: the API sets them. */
export function systemFields(options: { owner: boolean }): FieldSchema[] {
  const readOnly = { createable: false, updateable: false }
  const fields = [
    field("Id", "id", { ...readOnly, label: "Record ID", idLookup: true }),
    field("IsDeleted", "boolean", { ...readOnly, label: "Deleted" }),
    field("CreatedDate", "datetime", { ...readOnly, label: "Created Date" }),
    field("CreatedById", "reference", {
      ...readOnly,
      label: "Created By ID",
      referenceTo: ["User"],
      relationshipName: "CreatedBy",
    }),
    field("LastModifiedDate", "datetime", {
      ...readOnly,
      label: "Last Modified Date",
    }),
    field("LastModifiedById", "reference", {
      ...readOnly,
      label: "Last Modified By ID",
      referenceTo: ["User"],
      relationshipName: "LastModifiedBy",
    }),
    field("SystemModstamp", "datetime", {
      ...readOnly,
      label: "System Modstamp",
    }),
  ]
  if (options.owner) {
    fields.push(
      field("OwnerId", "reference", {
        label: "Owner ID",
        referenceTo: ["User"],
        relationshipName: "Owner",
      })
    )
  }
  return fields
}
