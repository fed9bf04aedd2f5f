/**
 * Fix hints: for a failed sync, what to change and where, beside Salesforce's message and code. Either in Medusa
 * (the data we send: "add an email address to the customer of order #12") or in Salesforce, as the Setup path an
 * admin clicks through (object, field, validation rule, duplicate rule, permission set).
 *
 * Pure functions, derived at read time from what the sync log already stores (code and message, which names the
 * fields and the object): the hint text can improve without a migration, old attempts get hints too, and the
 * sync engine's write path stays as it is.
 */
import { fieldLabel } from "./lib/describe-error"
import {
  CUSTOMER_EXTERNAL_ID,
  INVOICE_LINE_OBJECT,
  INVOICE_OBJECT,
} from "./mapping"

export type HintInput = {
  errorCode: string | null | undefined
  /** Salesforce's `fields` of the error (API names), when known. */
  fields?: string[]
  /** The sObject of the failed record, when known. */
  object?: string | null
  message?: string | null
  /** Which document failed, so a Medusa-side hint can name it. */
  orderDisplayId?: number | null
  invoiceNumber?: string | null
}

const PERMISSION_SET = "Medusa Integration"
const DEPLOY =
  "deploy the metadata in salesforce/ (sf project deploy start --source-dir force-app) and assign the Medusa_Integration permission set to the integration user"

const OBJECT_LABELS: Record<string, string> = {
  [INVOICE_OBJECT]: "Medusa Invoice",
  [INVOICE_LINE_OBJECT]: "Medusa Invoice Line",
}

/** The Salesforce File version an invoice PDF is uploaded as (Attach PDF). */
const FILE_VERSION_OBJECT = "ContentVersion"
const NO_PDF =
  "or turn off Attach PDF in Settings → Salesforce (the invoices keep syncing without their PDF)"

/** What to do when the invoice PDF could not be filed; null where the general hint says it (retries, logins). */
function pdfHint(code: string): string | null {
  switch (code) {
    case "STORAGE_LIMIT_EXCEEDED":
      return `The org's file storage is full: see Setup → Storage Usage, delete old files or buy more storage, ${NO_PDF}. Then retry.`
    case "INSUFFICIENT_ACCESS_OR_READONLY":
    case "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY":
    case "INVALID_FIELD_FOR_INSERT_UPDATE":
      return `The integration user may not add Files to the Medusa Invoice record: check it can read and edit the record (Setup → Permission Sets → ${PERMISSION_SET} → Object Settings → Medusa Invoice), ${NO_PDF}. Then retry.`
    case "FILE_EXTENSION_NOT_ALLOWED":
      return `The org does not accept .pdf uploads: allow the extension in Setup → File Upload and Download Security, ${NO_PDF}. Then retry.`
  }
  return /^(E[A-Z]+|UND_ERR\w*|HTTP_5\d\d|SERVER_UNAVAILABLE|UNABLE_TO_LOCK_ROW|REQUEST_LIMIT_EXCEEDED|invalid_\w+|INVALID_SESSION_ID)$/.test(
    code
  )
    ? null
    : `Salesforce refused the invoice PDF with ${code}: read its message above; then retry, ${NO_PDF}.`
}

function objectLabel(object: string): string {
  return OBJECT_LABELS[object] ?? fieldLabel(object)
}

function fieldsSetup(object: string | undefined, field?: string): string {
  const where = object
    ? `Setup → Object Manager → ${objectLabel(object)} → Fields & Relationships`
    : "Setup → Object Manager → (the object) → Fields & Relationships"
  return field ? `${where} → ${fieldLabel(field)}` : where
}

function list(fields: string[]): string {
  const named = fields.map(fieldLabel)
  return named.length <= 1
    ? named.join("")
    : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`
}

function orderRef(input: HintInput): string {
  return input.orderDisplayId ? `order #${input.orderDisplayId}` : "the order"
}

/** Our fields whose value comes from Medusa data a merchant can edit, and where they edit it. */
function medusaSource(
  field: string,
  object: string | undefined,
  input: HintInput
): string | null {
  const order = orderRef(input)
  if (
    field === "Customer_Email__c" ||
    (field === "Email" && (object === "Contact" || !object))
  ) {
    return `the customer's email on ${order} (Medusa: Orders → ${order} → Customer, or Customers → the customer → Edit)`
  }
  if (
    (field === "LastName" || field === "FirstName") &&
    object !== INVOICE_OBJECT
  ) {
    return `the customer's name on ${order} (Medusa: Customers → the customer → Edit)`
  }
  if (field === "Name" && object === "Account") {
    return `the customer's name or company on ${order} (Medusa: Customers → the customer → Edit)`
  }
  if (field === "Product_Title__c" || field === "SKU__c") {
    return `the product title or SKU of the items on ${order} (Medusa: Products → the product → Edit)`
  }
  return null
}

const isCurrencyField = (f: string) =>
  f === "CurrencyIsoCode" || f === "Currency__c"

/**
 * What to change, and where, so the failure does not happen again. Never null: an unknown code still gets the
 * place to look.
 */
export function fixHint(input: HintInput): string {
  const code = input.errorCode ?? "UNKNOWN_ERROR"
  const fields = input.fields ?? []
  const object = input.object ?? undefined
  const message = input.message ?? ""
  const [field] = fields
  const what = object ? objectLabel(object) : "the record"

  const pdf = object === FILE_VERSION_OBJECT ? pdfHint(code) : null
  if (pdf) {
    return pdf
  }

  // Currency problems come under several codes: an inactive or unknown currency in a multi-currency org is a
  // restricted-picklist error on CurrencyIsoCode, older orgs say INVALID_CURRENCY_ISO.
  if (
    code === "INVALID_CURRENCY_ISO" ||
    code === "INACTIVE_CURRENCY" ||
    (fields.some(isCurrencyField) &&
      /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST|FIELD_INTEGRITY_EXCEPTION/.test(
        code
      )) ||
    (/currency/i.test(message) && /inactive|invalid/i.test(message))
  ) {
    return "In Salesforce, activate the order's currency: Setup → Company Settings → Currencies (Currency Setup) → Active Currencies → New, or Activate it among the inactive ones. Then retry."
  }

  switch (code) {
    case "REQUIRED_FIELD_MISSING": {
      const source = field ? medusaSource(field, object, input) : null
      if (source) {
        return `Add ${source}, then retry.`
      }
      return field
        ? `Salesforce requires ${list(fields)} on ${what}, which Medusa does not send: make it optional in ${fieldsSetup(object, field)} → Edit (untick Required) or give it a default value there, or map a Medusa value to it in the module's field mapping.`
        : `Salesforce requires a value Medusa does not send on ${what}: find the required field in ${fieldsSetup(object)} (or a page layout's required fields) and make it optional or give it a default.`
    }
    case "STRING_TOO_LONG": {
      const source = field ? medusaSource(field, object, input) : null
      return source
        ? `Shorten ${source}, or raise the field's length in Salesforce: ${fieldsSetup(object, field)} → Edit → Length. Then retry.`
        : `Raise the field's length in Salesforce: ${fieldsSetup(object, field)} → Edit → Length (${list(fields) || "the text field"} is shorter than the value Medusa sends). Then retry.`
    }
    case "INVALID_EMAIL_ADDRESS":
      return `Correct the customer's email address on ${orderRef(input)} in Medusa (Customers → the customer → Edit) so it is a valid address, then retry.`
    case "FIELD_CUSTOM_VALIDATION_EXCEPTION":
      return `A validation rule on ${what} rejected the record: Setup → Object Manager → ${object ? objectLabel(object) : "(the object)"} → Validation Rules, open the rule whose error message reads "${trimTag(message)}", and either change its condition to let the integration user's records through or correct the data on ${orderRef(input)} in Medusa. Then retry.`
    case "DUPLICATES_DETECTED":
      return `A duplicate rule blocked ${what}: Setup → Duplicate Management → Duplicate Rules → the active rule for ${object ? objectLabel(object) : "the object"} → Edit, set "Action on Create" and "Action on Edit" to Allow (with an alert if you like), or merge the existing duplicate in Salesforce. Then retry.`
    case "DUPLICATE_VALUE":
      return `Another ${what} record in Salesforce already holds this ${list(fields) || "unique value"}: find it (search for the value), delete or merge it, then retry.`
    case "INVALID_FIELD_FOR_INSERT_UPDATE":
    case "INSUFFICIENT_ACCESS_OR_READONLY":
    case "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY":
      return field
        ? `The integration user may not write ${list(fields)} on ${what}: Setup → Permission Sets → ${PERMISSION_SET} → Object Settings → ${object ? objectLabel(object) : "(the object)"} → Edit, tick Edit Access for ${list(fields)}, and check the permission set is assigned to the integration user (Manage Assignments). Then retry.`
        : `The integration user may not change ${what}: Setup → Permission Sets → ${PERMISSION_SET} → Object Settings → ${object ? objectLabel(object) : "(the object)"} → Edit, grant Create, Read and Edit, and check the permission set is assigned to the integration user (Manage Assignments). Then retry.`
    case "INVALID_FIELD":
      if (/Foreign key external ID/i.test(message)) {
        return "The record it points to is not in Salesforce yet (e.g. the credit note's original invoice): sync that document first, or use Sync missing invoices, then retry."
      }
      return `A field Medusa sends does not exist in Salesforce${field ? ` (${object ? `${object}.` : ""}${field})` : ""}: ${DEPLOY}; for your own fields, create it in ${fieldsSetup(object)} or correct the module's field mapping.`
    case "INVALID_TYPE":
    case "NOT_FOUND":
      return `The object ${object ?? "Medusa sends to"} does not exist in Salesforce or the integration user cannot see it: ${DEPLOY}; for your own object, check its name in the field mapping and grant access in Setup → Permission Sets → ${PERMISSION_SET} → Object Settings.`
    case "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST":
      return `A value Medusa sends is not one of the picklist's values: ${fieldsSetup(object, field)} → Values, add or activate the value, then retry.`
    case "UNABLE_TO_LOCK_ROW":
      return `Another process in Salesforce held ${what} at the same time (a flow, an Apex job or a data load); the sync retries by itself. If it keeps happening, look in Setup → Apex Jobs and Setup → Bulk Data Load Jobs for long jobs on ${what} and schedule them apart.`
    case "ENTITY_IS_LOCKED":
      return `${what} is locked in Salesforce, usually by an approval process: on the record, Unlock Record (or recall the approval), or in Setup → Process Automation → Approval Processes let the integration user edit locked records. Then retry.`
    case "ENTITY_IS_DELETED":
    case "INVALID_CROSS_REFERENCE_KEY":
      return "A record this one refers to was deleted in Salesforce: restore it from the Recycle Bin, or retry (the sync then creates its own contact for the customer)."
    case "REQUEST_LIMIT_EXCEEDED":
      return /TotalRequests/i.test(message) || /daily/i.test(message)
        ? "The org's daily API request limit is used up: syncing resumes by itself when Salesforce frees requests (rolling 24 hours). See the usage in Setup → Company Information → API Requests, Last 24 Hours; raise the limit with Salesforce or reduce other integrations' calls."
        : "Salesforce had too many requests at once; the sync retries by itself. Nothing to change unless it keeps happening."
    case "API_BUDGET_REACHED":
      return "The sync used the share of the org's daily API requests you allowed it; it resumes by itself as Salesforce frees requests (rolling 24 hours). To sync sooner, raise API budget in Settings → Salesforce; a single invoice's Retry goes through anyway."
    case "invalid_client":
    case "invalid_client_id":
      return "Salesforce refused the connected app's credentials: compare SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET in the store's environment with Setup → App Manager → (your app) → View → Manage Consumer Details, restart the store, then Test connection in Settings → Salesforce."
    case "invalid_grant":
    case "inactive_user":
    case "inactive_org":
    case "INVALID_SESSION_ID":
    case "INVALID_AUTH_HEADER":
    case "unauthorized_client":
    case "unsupported_grant_type":
    case "invalid_request":
      return "Salesforce refused the login: in Setup → App Manager → (your app) → Manage → Edit Policies, check that the flow is enabled (client credentials needs a Run As user), that the integration user is active and pre-authorized (Permitted Users), and the credentials in the store's environment; then Test connection in Settings → Salesforce."
    case "SYNC_SET_ASIDE":
      return `The sync failed on ${orderRef(input)} several times in a row for the reason above and set it aside, so the documents queued after it go on. Fix what the reason names (often a value in the document, a note or what Salesforce answered for it), then press Retry to send it again.`
    case "MISSING_EXTERNAL_ID":
      return "The document has no Medusa id to key the record by; this is a bug in the sync, not your data: report it."
  }
  if (/^(E[A-Z]+|UND_ERR\w*|HTTP_5\d\d|SERVER_UNAVAILABLE)$/.test(code)) {
    return "Salesforce could not be reached or was unavailable; the sync retries by itself. If it lasts, check trust.salesforce.com for your instance and the store's network access to Salesforce."
  }
  return `Salesforce refused ${what} with ${code}: read its message above; the fix is usually in ${object ? fieldsSetup(object) : "Setup → Object Manager"} or in the data on ${orderRef(input)} in Medusa. Then retry.`
}

/** The message without our "(CODE: fields)" tag, as Salesforce phrased it. */
function trimTag(message: string): string {
  return message
    .replace(/\s*\([A-Za-z_0-9]+(?::[^)]*)?\)\s*$/, "")
    .replace(/^A validation rule in Salesforce rejected [^:]+:\s*/, "")
}

const PHRASE_OBJECTS: [RegExp, string][] = [
  [/\bthe invoice PDF\b/, FILE_VERSION_OBJECT],
  [/\ban invoice line\b/, INVOICE_LINE_OBJECT],
  [/\bthe invoice\b/, INVOICE_OBJECT],
  [/\bthe contact\b/, "Contact"],
  [/\bthe account\b/, "Account"],
  [/\bthe (\w+) record\b/, "$1"],
]

/**
 * Fields and object of a failure as the sync log stores it: describeSalesforceError ends its sentence with
 * "(CODE: Field1, Field2)" and names the object ("on the invoice", "the contact"), so both are recovered here.
 */
export function failureDetailsFromMessage(message: string | null | undefined): {
  fields: string[]
  object?: string
} {
  const text = message ?? ""
  const tag = /\(([A-Za-z_0-9]+): ([\w.]+(?:, [\w.]+)*)\)\s*$/.exec(text)
  const fields = tag ? tag[2].split(", ") : []
  const named = /Salesforce has no (?:field|object) (\w+)(?:\.(\w+))?/.exec(
    text
  )
  if (named) {
    return named[2]
      ? { fields: fields.length ? fields : [named[2]], object: named[1] }
      : { fields, object: named[1] }
  }
  for (const [pattern, object] of PHRASE_OBJECTS) {
    const match = pattern.exec(text)
    if (match) {
      return { fields, object: object === "$1" ? match[1] : object }
    }
  }
  // Our customer key lives on Account and Contact; a failure naming it is about them.
  return fields.includes(CUSTOMER_EXTERNAL_ID)
    ? { fields, object: "Contact" }
    : { fields }
}

/** The hint of a failed attempt as the sync log stores it; null for a success. */
export function hintForAttempt(attempt: {
  status: string
  error_code: string | null
  error_message: string | null
  order_display_id?: number | null
  invoice_number?: string | null
}): string | null {
  if (attempt.status !== "failed") {
    return null
  }
  const details = failureDetailsFromMessage(attempt.error_message)
  return fixHint({
    errorCode: attempt.error_code,
    fields: details.fields,
    object: details.object,
    message: attempt.error_message,
    orderDisplayId: attempt.order_display_id,
    invoiceNumber: attempt.invoice_number,
  })
}
