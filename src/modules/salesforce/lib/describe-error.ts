// Salesforce errors as sentences a merchant can act on, naming our fields by label.
import {
  classifySalesforceError,
  foreignKeyFrom,
  SalesforceErrorKind,
} from "./error-kinds"

const OBJECT_PHRASES: Record<string, string> = {
  Medusa_Invoice__c: "the invoice",
  Medusa_Invoice_Line__c: "an invoice line",
  Contact: "the contact",
  Account: "the account",
  ContentVersion: "the invoice PDF",
}

function objectPhrase(object?: string): string {
  if (!object) {
    return "the record"
  }
  return OBJECT_PHRASES[object] ?? `the ${object} record`
}

/**
 * Label of one of our custom fields, from its API name: Customer_Email__c -> "Customer Email",
 * Medusa_Id__c -> "Medusa ID". Standard and managed-package fields keep their API name, since their labels are
 * the org's and we would guess.
 */
export function fieldLabel(apiName: string): string {
  const match = /^([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)__c$/.exec(apiName)
  if (!match) {
    return apiName
  }
  return match[1]
    .split("_")
    .map((word) => (word.toLowerCase() === "id" ? "ID" : word))
    .join(" ")
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

function labels(fields: string[]): string {
  const named = fields.map(fieldLabel)
  return named.length <= 1
    ? named.join("")
    : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`
}

function trimPeriod(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/\.$/, "")
}

/** Object and field of an INVALID_FIELD / INVALID_TYPE message, e.g. "No such column 'Foo__c' on sobject of type X". */
function missingFieldFrom(message: string): {
  field?: string
  object?: string
} {
  const column =
    /No such column '([\w.]+)' on (?:sobject of type|entity) '?(\w+)'?/i.exec(
      message
    )
  if (column) {
    return { field: column[1], object: column[2] }
  }
  const type = /sObject type '(\w+)' is not supported/i.exec(message)
  return type ? { object: type[1] } : {}
}

/**
 * A merchant-readable sentence with the Salesforce code beside it, naming our fields by label, e.g.
 * "Salesforce requires Customer Email on the invoice (REQUIRED_FIELD_MISSING: Customer_Email__c)".
 * `object` is the sObject the failed record belongs to.
 */
export function describeSalesforceError(
  error: {
    errorCode: string
    message: string
    fields?: string[]
    /** A SalesforceApiError's own kind and status, when it is one. */
    kind?: SalesforceErrorKind
    status?: number
  },
  object?: string
): string {
  const code = error.errorCode
  const fields = error.fields ?? []
  const what = objectPhrase(object)
  const tag = fields.length ? `(${code}: ${fields.join(", ")})` : `(${code})`
  const reason = trimPeriod(error.message)

  if (
    code === "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" &&
    fields.includes("CurrencyIsoCode")
  ) {
    // A multi-currency org knows only its active currencies.
    const currency = /currency code: ([A-Za-z]{3})\b/.exec(error.message)?.[1]
    return currency
      ? `${capitalise(what)} is in ${currency.toUpperCase()}, a currency Salesforce has not activated: activate it in Setup → Company Settings → Currencies ${tag}`
      : `The currency of ${what} is not active in Salesforce: activate it in Setup → Company Settings → Currencies ${tag}`
  }

  switch (code) {
    case "REQUIRED_FIELD_MISSING":
      return fields.length
        ? `Salesforce requires ${labels(fields)} on ${what} ${tag}`
        : `Salesforce is missing a required value on ${what}: ${reason} ${tag}`
    case "INVALID_EMAIL_ADDRESS":
      return fields.length
        ? `${labels(fields)} is not a valid email address in Salesforce ${tag}`
        : `An email address on ${what} is not valid in Salesforce ${tag}`
    case "STRING_TOO_LONG":
      return `${fields.length ? labels(fields) : "A text value"} on ${what} is longer than Salesforce allows ${tag}`
    case "NUMBER_OUTSIDE_VALID_RANGE":
      return `${fields.length ? labels(fields) : "A number"} on ${what} is outside the range Salesforce allows ${tag}`
    case "INVALID_TYPE_ON_FIELD_IN_RECORD":
      return `${fields.length ? labels(fields) : "A value"} on ${what} has the wrong type for Salesforce: ${reason} ${tag}`
    case "FIELD_CUSTOM_VALIDATION_EXCEPTION":
      return `A validation rule in Salesforce rejected ${what}: ${reason} ${tag}`
    case "DUPLICATES_DETECTED":
      return `Salesforce's duplicate rules rejected ${what} as a duplicate of an existing record ${tag}`
    case "DUPLICATE_VALUE":
      return `${fields.length ? labels(fields) : "A unique value"} on ${what} is already used by another Salesforce record ${tag}`
    case "ENTITY_IS_DELETED":
      return `A record ${what} refers to was deleted in Salesforce ${tag}`
    case "INVALID_CROSS_REFERENCE_KEY":
      return fields.length
        ? `${labels(fields)} on ${what} points to a record Salesforce does not have ${tag}`
        : `${capitalise(what)} points to a record Salesforce does not have ${tag}`
    case "INVALID_FIELD": {
      const foreignKey = foreignKeyFrom(error.message)
      if (foreignKey) {
        const via = fields.length
          ? `${labels(fields)} on ${what}`
          : capitalise(what)
        return `${via} refers to ${objectPhrase(foreignKey.entity)} with ${fieldLabel(foreignKey.field)} "${foreignKey.value}", which is not in Salesforce ${tag}`
      }
      const parsed = missingFieldFrom(error.message)
      const field = parsed.field ?? fields[0]
      const owner = object ?? parsed.object
      const name = field ? (owner ? `${owner}.${field}` : field) : undefined
      return name
        ? `Salesforce has no field ${name}: deploy the metadata in salesforce/ (${code})`
        : `Salesforce does not know a field we send: deploy the metadata in salesforce/ (${code})`
    }
    case "INVALID_TYPE":
    case "NOT_FOUND": {
      const owner = missingFieldFrom(error.message).object ?? object
      return owner
        ? `Salesforce has no object ${owner}: deploy the metadata in salesforce/ (${code})`
        : `Salesforce could not find what we asked for: deploy the metadata in salesforce/ (${code})`
    }
    case "INVALID_FIELD_FOR_INSERT_UPDATE":
      return `The Salesforce integration user may not write ${fields.length ? labels(fields) : "a field"} on ${what}: check its field permissions ${tag}`
    case "INSUFFICIENT_ACCESS_OR_READONLY":
      return `The Salesforce integration user may not change ${what}: check its permission set ${tag}`
    case "MALFORMED_QUERY":
      return `Salesforce rejected a query: ${reason} (${code})`
    case "UNABLE_TO_LOCK_ROW":
      return `Salesforce is busy (${code}); will retry`
    case "API_BUDGET_REACHED":
      return reason
    case "REQUEST_LIMIT_EXCEEDED":
      return classifySalesforceError(code, error.message) === "daily_limit"
        ? `Salesforce daily API limit reached (${code})`
        : `Salesforce is handling too many requests at once (${code}); will retry`
    case "invalid_client":
    case "invalid_client_id":
      return `Salesforce rejected the login: check the connected app's client id and secret (${code})`
    case "invalid_grant":
      return `Salesforce rejected the login: ${reason ? `${reason}; ` : ""}check the integration user, its credentials and the app's approval (${code})`
    case "unsupported_grant_type":
    case "unauthorized_client":
      return `Salesforce does not allow this login flow for the connected app (${code})`
    case "INVALID_SESSION_ID":
      return `Salesforce refused the session even after a new login: reconnect Salesforce (${code})`
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
      return `Salesforce did not answer in time (${code}); will retry`
  }

  switch (
    error.kind ??
    classifySalesforceError(code, error.message, error.status)
  ) {
    case "transient":
      return /^E[A-Z]+$|^UND_ERR/.test(code)
        ? `Salesforce could not be reached (${code}); will retry`
        : `Salesforce is unavailable for now (${code}); will retry`
    case "auth":
      return `Salesforce rejected the login: ${reason} (${code})`
    case "configuration":
      return `Salesforce is not set up for the sync: ${reason} ${tag}`
    default:
      return `Salesforce rejected ${what}: ${reason} ${tag}`
  }
}
