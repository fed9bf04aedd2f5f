/**
 * Field mapping: where our invoice and line records go in the merchant's org. The default is the shipped
 * metadata (salesforce/): Medusa_Invoice__c and Medusa_Invoice_Line__c with our field names. A store may send them
 * to its own objects (a merchant's Invoice__c), rename fields, leave fields out, or add fields taken from the
 * invoice (e.g. a sales channel). Pure data and pure functions: `applyFieldMapping` turns the records mapping.ts
 * produces into the org's shape, `fieldMappingProblems` checks the option's shape at start, and
 * `mappingDescribeProblems` checks it against the org's describe before anything is sent.
 */
import {
  EXTERNAL_ID,
  INVOICE_LINE_OBJECT,
  INVOICE_OBJECT,
  InvoiceRecords,
  SalesforceRecord,
  SyncableInvoice,
} from "./mapping"

/** The kinds of value our fields carry, to check them against the org's field types. */
export type ValueKind = "text" | "number" | "date" | "email" | "reference"

/** Our invoice fields (as the shipped metadata names them) and the kind of value each carries. */
export const INVOICE_FIELD_KINDS: Record<string, ValueKind> = {
  [EXTERNAL_ID]: "text",
  Name: "text",
  Document_Type__c: "text",
  Order_Number__c: "text",
  Medusa_Order_Id__c: "text",
  Customer_Email__c: "email",
  Currency__c: "text",
  Subtotal__c: "number",
  Discount_Total__c: "number",
  Shipping_Total__c: "number",
  Subtotal_Gross__c: "number",
  Discount_Gross__c: "number",
  Shipping_Gross__c: "number",
  Tax_Total__c: "number",
  Total__c: "number",
  Status__c: "text",
  Invoice_Date__c: "date",
  Notes__c: "text",
  Account__c: "reference",
  Contact__c: "reference",
  Original_Invoice__c: "reference",
}

export const LINE_FIELD_KINDS: Record<string, ValueKind> = {
  [EXTERNAL_ID]: "text",
  Invoice__c: "reference",
  Product_Title__c: "text",
  SKU__c: "text",
  Quantity__c: "number",
  Unit_Price__c: "number",
  Subtotal__c: "number",
  Discount__c: "number",
  Unit_Price_Gross__c: "number",
  Subtotal_Gross__c: "number",
  Discount_Gross__c: "number",
  Tax__c: "number",
  Total__c: "number",
}

/** Invoice fields an extra field may take its value from, and their kinds. */
export const EXTRA_SOURCES: Record<string, ValueKind> = {
  id: "text",
  number: "text",
  type: "text",
  order_id: "text",
  order_display_id: "number",
  customer_id: "text",
  customer_email: "email",
  customer_name: "text",
  currency_code: "text",
  total: "number",
  issued_at: "date",
}

export type ObjectMapping = {
  /** The sObject the records go to. */
  object?: string
  /** Our field -> the org's field API name; null leaves the field out. */
  fields?: Record<string, string | null>
  /** The org's field API name -> the invoice field its value comes from (see EXTRA_SOURCES). */
  extra?: Record<string, string>
}

export type FieldMappingOptions = {
  invoice?: ObjectMapping
  line?: ObjectMapping
}

/** The mapping with every default filled in: what the sync actually uses. */
export type ResolvedFieldMapping = {
  invoice: {
    object: string
    fields: Record<string, string | null>
    extra: Record<string, string>
  }
  line: {
    object: string
    fields: Record<string, string | null>
    extra: Record<string, string>
  }
}

const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/

function resolveObject(
  mapping: ObjectMapping | undefined,
  defaultObject: string,
  kinds: Record<string, ValueKind>
) {
  const fields: Record<string, string | null> = {}
  for (const field of Object.keys(kinds)) {
    fields[field] =
      mapping?.fields && field in mapping.fields ? mapping.fields[field] : field
  }
  return {
    object: mapping?.object ?? defaultObject,
    fields,
    extra: { ...(mapping?.extra ?? {}) },
  }
}

export function resolveFieldMapping(
  options: FieldMappingOptions = {}
): ResolvedFieldMapping {
  return {
    invoice: resolveObject(
      options.invoice,
      INVOICE_OBJECT,
      INVOICE_FIELD_KINDS
    ),
    line: resolveObject(options.line, INVOICE_LINE_OBJECT, LINE_FIELD_KINDS),
  }
}

/** What is wrong with the option's shape, each problem naming the option path; empty when it is fine. */
export function fieldMappingProblems(options: unknown): string[] {
  if (options === undefined) return []
  if (typeof options !== "object" || options === null) {
    return ["fieldMapping must be an object with invoice and/or line"]
  }
  const problems: string[] = []
  const top = options as Record<string, unknown>
  for (const key of Object.keys(top)) {
    if (key !== "invoice" && key !== "line") {
      problems.push(`fieldMapping.${key} is not an option (invoice or line)`)
    }
  }
  for (const [part, kinds] of [
    ["invoice", INVOICE_FIELD_KINDS],
    ["line", LINE_FIELD_KINDS],
  ] as const) {
    const raw = top[part]
    if (raw === undefined) continue
    const at = `fieldMapping.${part}`
    if (typeof raw !== "object" || raw === null) {
      problems.push(`${at} must be an object`)
      continue
    }
    const mapping = raw as Record<string, unknown>
    for (const key of Object.keys(mapping)) {
      if (!["object", "fields", "extra"].includes(key)) {
        problems.push(`${at}.${key} is not an option (object, fields or extra)`)
      }
    }
    if (
      mapping.object !== undefined &&
      (typeof mapping.object !== "string" || !API_NAME.test(mapping.object))
    ) {
      problems.push(`${at}.object must be an sObject API name`)
    }
    const targets = new Map<string, string>()
    const claim = (target: string, by: string) => {
      const other = targets.get(target.toLowerCase())
      if (other) {
        problems.push(`${at}: ${by} and ${other} both map to ${target}`)
      }
      targets.set(target.toLowerCase(), by)
    }
    const fields = (mapping.fields ?? {}) as Record<string, unknown>
    if (typeof fields !== "object" || fields === null) {
      problems.push(`${at}.fields must be an object`)
    } else {
      for (const [field, target] of Object.entries(fields)) {
        if (!(field in kinds)) {
          problems.push(
            `${at}.fields.${field} is not one of our fields (${Object.keys(kinds).join(", ")})`
          )
        } else if (target === null) {
          if (field === EXTERNAL_ID) {
            problems.push(
              `${at}.fields.${EXTERNAL_ID} cannot be left out: every upsert is keyed by it`
            )
          }
        } else if (typeof target !== "string" || !API_NAME.test(target)) {
          problems.push(
            `${at}.fields.${field} must be a field API name or null`
          )
        }
      }
      for (const field of Object.keys(kinds)) {
        const target = field in fields ? fields[field] : field
        if (typeof target === "string") claim(target, `fields.${field}`)
      }
    }
    const extra = (mapping.extra ?? {}) as Record<string, unknown>
    if (typeof extra !== "object" || extra === null) {
      problems.push(`${at}.extra must be an object`)
    } else {
      for (const [target, source] of Object.entries(extra)) {
        if (!API_NAME.test(target)) {
          problems.push(`${at}.extra: ${target} is not a field API name`)
        } else {
          claim(target, `extra.${target}`)
        }
        if (typeof source !== "string" || !(source in EXTRA_SOURCES)) {
          problems.push(
            `${at}.extra.${target} must name an invoice field (${Object.keys(EXTRA_SOURCES).join(", ")})`
          )
        }
      }
    }
  }
  return problems
}

/**
 * One record renamed per the mapping. A reference by external ID (`Invoice__r: { Medusa_Id__c }`) follows its
 * lookup field's mapped name, and the key inside it the invoice's mapped external ID: both of our references by
 * Medusa_Id__c point at an invoice (a line's invoice, a credit note's original).
 */
function rename(
  record: SalesforceRecord,
  fields: Record<string, string | null>,
  invoiceKey: string
): SalesforceRecord {
  const result: SalesforceRecord = {}
  for (const [key, value] of Object.entries(record)) {
    const relationship = /^(\w+)__r$/.exec(key)
    const field = relationship ? `${relationship[1]}__c` : key
    const target = field in fields ? fields[field] : field
    if (target === null) continue
    if (relationship && value && typeof value === "object") {
      // Custom lookups relate as X__r, standard ones as the field without its Id (AccountId -> Account).
      const name = target.endsWith("__c")
        ? target.replace(/__c$/, "__r")
        : target.replace(/Id$/, "")
      result[name] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k === EXTERNAL_ID ? invoiceKey : k,
          v,
        ])
      )
    } else {
      result[target] = value
    }
  }
  return result
}

function extraValue(invoice: SyncableInvoice, source: string): unknown {
  const value = (invoice as unknown as Record<string, unknown>)[source]
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (source === "issued_at" && typeof value === "string") {
    return new Date(value).toISOString().slice(0, 10)
  }
  return value ?? null
}

/**
 * The records in the org's shape: fields renamed or left out per the mapping, extra fields added from the
 * invoice. With the default mapping the records come back unchanged.
 */
export function applyFieldMapping(
  records: InvoiceRecords,
  invoice: SyncableInvoice,
  mapping: ResolvedFieldMapping
): InvoiceRecords & { invoiceObject: string; lineObject: string } {
  const invoiceKey = mapping.invoice.fields[EXTERNAL_ID] ?? EXTERNAL_ID
  const invoiceRecord = rename(
    records.invoice,
    mapping.invoice.fields,
    invoiceKey
  )
  for (const [target, source] of Object.entries(mapping.invoice.extra)) {
    invoiceRecord[target] = extraValue(invoice, source)
  }
  const lines = records.lines.map((line) => {
    const mapped = rename(line, mapping.line.fields, invoiceKey)
    for (const [target, source] of Object.entries(mapping.line.extra)) {
      mapped[target] = extraValue(invoice, source)
    }
    return mapped
  })
  return {
    invoice: invoiceRecord,
    lines,
    invoiceObject: mapping.invoice.object,
    lineObject: mapping.line.object,
  }
}

/** A field as describe() reports it: what the check reads. */
export type DescribedField = {
  name: string
  type: string
  createable: boolean
  updateable: boolean
}

const COMPATIBLE: Record<ValueKind, string[]> = {
  text: ["string", "textarea", "picklist", "email", "phone", "url", "id"],
  email: ["email", "string", "textarea"],
  number: ["double", "currency", "percent", "int"],
  date: ["date", "datetime"],
  reference: ["reference"],
}

/**
 * The mapped fields the org cannot take: missing, not writable by the integration user, or of a type our value
 * does not fit. Each problem names the object and field, so the merchant knows what to fix before anything is
 * sent. `describe` holds the fields of each mapped object (undefined: the object does not exist).
 */
export function mappingDescribeProblems(
  mapping: ResolvedFieldMapping,
  describe: Record<string, DescribedField[] | undefined>
): string[] {
  const problems: string[] = []
  for (const [part, kinds] of [
    ["invoice", INVOICE_FIELD_KINDS],
    ["line", LINE_FIELD_KINDS],
  ] as const) {
    const { object, fields, extra } = mapping[part]
    const described = describe[object]
    if (!described) {
      problems.push(
        `${object} does not exist in Salesforce (or the integration user cannot see it)`
      )
      continue
    }
    const byName = new Map(described.map((f) => [f.name.toLowerCase(), f]))
    const wanted: [string, ValueKind, string][] = [
      ...Object.entries(fields)
        .filter((e): e is [string, string] => e[1] !== null)
        .map(
          ([ours, target]) =>
            [target, kinds[ours], `our ${ours}`] as [string, ValueKind, string]
        ),
      ...Object.entries(extra).map(
        ([target, source]) =>
          [target, EXTRA_SOURCES[source], `invoice ${source}`] as [
            string,
            ValueKind,
            string,
          ]
      ),
    ]
    for (const [target, kind, from] of wanted) {
      const field = byName.get(target.toLowerCase())
      if (!field) {
        problems.push(
          `${object}.${target} (mapped from ${from}) does not exist`
        )
      } else if (!field.createable && !field.updateable) {
        problems.push(
          `${object}.${target} (mapped from ${from}) is not writable by the integration user: grant Edit access in its permission set`
        )
      } else if (!COMPATIBLE[kind].includes(field.type)) {
        problems.push(
          `${object}.${target} (mapped from ${from}) is a ${field.type} field; it needs to hold a ${kind} (${COMPATIBLE[kind].join(", ")})`
        )
      }
    }
  }
  return problems
}
