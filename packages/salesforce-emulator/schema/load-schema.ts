import fs from "node:fs"
import path from "node:path"
import { XMLParser } from "fast-xml-parser"
import { field, systemFields } from "./field"
import { standardObjects } from "./standard-objects"
import { FieldSchema, ObjectSchema, Schema } from "./types"

// Reads the SFDX source we ship (objects/<Name>/<Name>.object-meta.xml and objects/<Name>/fields/*.field-meta.xml),
// so the emulator enforces exactly the metadata a real org gets from `sf project deploy start`.

type XmlField = {
  fullName: string
  label?: string
  type: string
  length?: number
  precision?: number
  scale?: number
  required?: boolean
  unique?: boolean
  caseSensitive?: boolean
  externalId?: boolean
  referenceTo?: string
  relationshipName?: string
  reparentableMasterDetail?: boolean
  description?: string
  valueSet?: {
    restricted?: boolean
    valueSetDefinition?: {
      value?: { fullName: string | number; label?: string; default?: boolean }[]
    }
  }
}

type XmlObject = {
  label: string
  pluralLabel: string
  nameField: { label: string; type: string; displayFormat?: string }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: true,
  // A picklist with one value would otherwise come back as an object instead of a list.
  isArray: (name) => name === "value",
})

function readXml<T>(file: string, root: string): T {
  const parsed = parser.parse(fs.readFileSync(file, "utf8"))
  if (!parsed[root]) {
    throw new Error(`${file}: expected a <${root}> document`)
  }
  return parsed[root] as T
}

function toField(xml: XmlField): FieldSchema {
  const common = {
    label: String(xml.label ?? xml.fullName),
    unique: xml.unique === true,
    externalId: xml.externalId === true,
    caseSensitive: xml.caseSensitive === true,
    required: xml.required === true,
    description: xml.description,
  }
  switch (xml.type) {
    case "Text":
      return field(xml.fullName, "string", {
        ...common,
        length: Number(xml.length ?? 255),
      })
    case "TextArea":
      return field(xml.fullName, "textarea", { ...common, length: 255 })
    case "LongTextArea":
    case "Html":
      return field(xml.fullName, "textarea", {
        ...common,
        length: Number(xml.length ?? 32768),
      })
    case "Email":
      return field(xml.fullName, "email", common)
    case "Phone":
      return field(xml.fullName, "phone", common)
    case "Url":
      return field(xml.fullName, "url", common)
    case "Checkbox":
      return field(xml.fullName, "boolean", { ...common, required: false })
    case "Number":
    case "Currency":
    case "Percent": {
      const type =
        xml.type === "Number"
          ? "double"
          : xml.type === "Currency"
            ? "currency"
            : "percent"
      return field(xml.fullName, type, {
        ...common,
        precision: Number(xml.precision ?? 18),
        scale: Number(xml.scale ?? 0),
      })
    }
    case "Date":
      return field(xml.fullName, "date", common)
    case "DateTime":
      return field(xml.fullName, "datetime", common)
    case "Picklist": {
      const values = xml.valueSet?.valueSetDefinition?.value ?? []
      return field(xml.fullName, "picklist", {
        ...common,
        picklistValues: values.map((v) => ({
          value: String(v.fullName),
          label: String(v.label ?? v.fullName),
          defaultValue: v.default === true,
        })),
        restrictedPicklist: xml.valueSet?.restricted === true,
      })
    }
    case "Lookup":
    case "MasterDetail": {
      const master = xml.type === "MasterDetail"
      return field(xml.fullName, "reference", {
        ...common,
        // A master-detail field is always required, though its XML never says so.
        required: master || common.required,
        referenceTo: [String(xml.referenceTo)],
        relationshipName: xml.fullName.replace(/__c$/, "__r"),
        cascadeDelete: master,
        // A detail stays with its master unless the field allows reparenting: describe shows it not updateable.
        reparentable: master && xml.reparentableMasterDetail === true,
        updateable: !master || xml.reparentableMasterDetail === true,
        // Custom relationship names get __r in the API, as SOQL child subqueries spell them.
        childRelationshipName: xml.relationshipName
          ? `${xml.relationshipName}__r`
          : null,
      })
    }
    default:
      throw new Error(
        `Field ${xml.fullName}: type ${xml.type} is not supported by the emulator`
      )
  }
}

function nameField(xml: XmlObject): FieldSchema {
  const autoNumber = xml.nameField.type === "AutoNumber"
  return field("Name", "string", {
    label: xml.nameField.label,
    length: 80,
    nameField: true,
    idLookup: true,
    autoNumber,
    displayFormat: xml.nameField.displayFormat,
    createable: !autoNumber,
    updateable: !autoNumber,
    custom: false,
  })
}

function readFields(dirs: string[]): FieldSchema[] {
  return dirs.flatMap((dir) => {
    const fieldsDir = path.join(dir, "fields")
    if (!fs.existsSync(fieldsDir)) {
      return []
    }
    return fs
      .readdirSync(fieldsDir)
      .filter((file) => file.endsWith(".field-meta.xml"))
      .sort()
      .map((file) =>
        toField(readXml<XmlField>(path.join(fieldsDir, file), "CustomField"))
      )
  })
}

/** objects/<Name> folders of every source folder, by object name: a project may split an object over packages. */
function objectFolders(sourceDirs: string[]): Map<string, string[]> {
  const folders = new Map<string, string[]>()
  for (const sourceDir of sourceDirs) {
    const objectsDir = path.join(sourceDir, "objects")
    if (!fs.existsSync(objectsDir)) {
      continue
    }
    for (const name of fs.readdirSync(objectsDir)) {
      folders.set(name, [
        ...(folders.get(name) ?? []),
        path.join(objectsDir, name),
      ])
    }
  }
  return new Map([...folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Loads the SFDX objects of the source folders on top of the built-in standard objects. */
export function loadSchema(sourceDirs: string[]): Schema {
  const objects = new Map<string, ObjectSchema>()
  for (const object of standardObjects()) {
    objects.set(object.name.toLowerCase(), object)
  }
  let customIndex = 0
  for (const [name, dirs] of objectFolders(sourceDirs)) {
    const fields = readFields(dirs)
    const existing = objects.get(name.toLowerCase())
    if (existing) {
      existing.fields.push(...fields)
      continue
    }
    const metaFile = dirs
      .map((dir) => path.join(dir, `${name}.object-meta.xml`))
      .find((file) => fs.existsSync(file))
    if (!metaFile) {
      throw new Error(
        `${name}: custom field files without ${name}.object-meta.xml`
      )
    }
    const xml = readXml<XmlObject>(metaFile, "CustomObject")
    const master = fields.some((f) => f.cascadeDelete)
    objects.set(name.toLowerCase(), {
      name,
      label: String(xml.label),
      labelPlural: String(xml.pluralLabel),
      // Custom objects get a0X-style prefixes in a real org; ordered by name so ids stay stable across restarts.
      keyPrefix: `a0${"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[customIndex++]}`,
      custom: true,
      createable: true,
      updateable: true,
      deletable: true,
      // Detail records have no owner: they inherit the master's.
      fields: [...systemFields({ owner: !master }), nameField(xml), ...fields],
      childRelationships: [],
    })
  }
  linkChildRelationships(objects)
  return { objects }
}

function linkChildRelationships(objects: Map<string, ObjectSchema>): void {
  const everyObject = [...objects.values()].map((o) => o.name)
  for (const object of objects.values()) {
    for (const f of object.fields) {
      if (f.anyObject) {
        // Polymorphic: it may point anywhere, so no parent lists it as a child relationship.
        f.referenceTo = everyObject
        continue
      }
      for (const target of f.referenceTo) {
        const parent = objects.get(target.toLowerCase())
        if (!parent) {
          throw new Error(
            `${object.name}.${f.name} references unknown object ${target}`
          )
        }
        parent.childRelationships.push({
          childSObject: object.name,
          field: f.name,
          relationshipName: f.childRelationshipName,
          cascadeDelete: f.cascadeDelete,
        })
      }
    }
  }
}
