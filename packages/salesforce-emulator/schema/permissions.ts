import fs from "node:fs"
import path from "node:path"
import { XMLParser } from "fast-xml-parser"
import { ObjectSchema, Schema } from "./types"

// Field-level security and object permissions from the SFDX permission sets the integration user is assigned. A
// custom field no set makes readable does not exist for the user (describe omits it, SOQL and writes answer
// INVALID_FIELD); a readable one no set makes editable is createable/updateable false, and writing it answers
// INVALID_FIELD_FOR_INSERT_UPDATE. Custom objects need object permissions the same way. Standard fields and
// required fields are always accessible, as permission sets cannot restrict them.

type FieldPermission = { field: string; readable?: boolean; editable?: boolean }
type ObjectPermission = {
  object: string
  allowCreate?: boolean
  allowRead?: boolean
  allowEdit?: boolean
  allowDelete?: boolean
}
type PermissionSet = {
  fieldPermissions?: FieldPermission[]
  objectPermissions?: ObjectPermission[]
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: true,
  isArray: (name) =>
    name === "fieldPermissions" || name === "objectPermissions",
})

export function readPermissionSets(
  sourceDirs: string[],
  names: string[]
): PermissionSet[] {
  return names.map((name) => {
    const candidates = sourceDirs.map((dir) =>
      path.join(dir, "permissionsets", `${name}.permissionset-meta.xml`)
    )
    const file = candidates.find((candidate) => fs.existsSync(candidate))
    if (!file) {
      throw new Error(
        `permission set ${name}: ${candidates.join(", ")} does not exist (permissionSets names files in permissionsets/)`
      )
    }
    const parsed = parser.parse(fs.readFileSync(file, "utf8"))
    if (!parsed.PermissionSet) {
      throw new Error(`${file}: expected a <PermissionSet> document`)
    }
    return parsed.PermissionSet as PermissionSet
  })
}

/** The schema as a user with these permission sets sees it; objects and fields are copies, the input is untouched. */
export function userSchema(schema: Schema, sets: PermissionSet[]): Schema {
  const fieldAccess = new Map<string, { read: boolean; edit: boolean }>()
  for (const p of sets.flatMap((s) => s.fieldPermissions ?? [])) {
    const key = String(p.field).toLowerCase()
    const before = fieldAccess.get(key) ?? { read: false, edit: false }
    fieldAccess.set(key, {
      read: before.read || p.readable === true || p.editable === true,
      edit: before.edit || p.editable === true,
    })
  }
  const objectAccess = new Map<string, ObjectPermission>()
  for (const p of sets.flatMap((s) => s.objectPermissions ?? [])) {
    const key = String(p.object).toLowerCase()
    const before = objectAccess.get(key) ?? { object: p.object }
    objectAccess.set(key, {
      object: p.object,
      allowCreate: before.allowCreate || p.allowCreate === true,
      allowRead: before.allowRead || p.allowRead === true,
      allowEdit: before.allowEdit || p.allowEdit === true,
      allowDelete: before.allowDelete || p.allowDelete === true,
    })
  }

  const objects = new Map<string, ObjectSchema>()
  for (const [key, object] of schema.objects) {
    const access = object.custom ? objectAccess.get(key) : undefined
    if (object.custom && !access?.allowRead) {
      continue
    }
    const fields = object.fields.flatMap((field) => {
      if (!field.custom || field.required) {
        return [field]
      }
      const granted = fieldAccess.get(
        `${object.name}.${field.name}`.toLowerCase()
      )
      if (!granted?.read) {
        return []
      }
      return granted.edit
        ? [field]
        : [{ ...field, createable: false, updateable: false }]
    })
    objects.set(key, {
      ...object,
      createable: object.createable && (!access || !!access.allowCreate),
      updateable: object.updateable && (!access || !!access.allowEdit),
      deletable: object.deletable && (!access || !!access.allowDelete),
      fields,
      childRelationships: [],
    })
  }
  // Child relationships only to children the user can see, through fields the user can read.
  for (const [key, object] of schema.objects) {
    const visible = objects.get(key)
    if (!visible) {
      continue
    }
    visible.childRelationships = object.childRelationships.filter((r) =>
      objects
        .get(r.childSObject.toLowerCase())
        ?.fields.some((f) => f.name === r.field)
    )
  }
  return { objects }
}
