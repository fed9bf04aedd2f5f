import { apiError, RecordError, recordError } from "../errors"
import { FieldSchema } from "../schema/types"

// Turns a JSON value into what the field stores, or explains why not. Values of the wrong JSON type fail the whole
// request with JSON_PARSER_ERROR (Salesforce deserialises the body before it looks at any record); values of the
// right type that break the field's rules fail only their record.

export type Coerced = { value: unknown } | { error: RecordError }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function cannotDeserialize(javaType: string, value: unknown): never {
  const token =
    value !== null && typeof value === "object"
      ? Array.isArray(value)
        ? "START_ARRAY value ["
        : "START_OBJECT value {"
      : `VALUE_${typeof value === "string" ? "STRING" : typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : "NUMBER_INT"} value ${String(value)}`
  throw apiError(
    400,
    "JSON_PARSER_ERROR",
    `Cannot deserialize instance of ${javaType} from ${token} or request may be missing a required field`
  )
}

/** Salesforce's datetime format: 2024-05-01T10:00:00.000+0000. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+0000")
}

function text(field: FieldSchema, raw: unknown): Coerced {
  if (raw !== null && typeof raw === "object") {
    cannotDeserialize("string", raw)
  }
  const value = String(raw)
  if (value === "") {
    return { value: null }
  }
  if (field.length > 0 && value.length > field.length) {
    return {
      error: recordError(
        "STRING_TOO_LONG",
        `${field.label}: data value too large: ${value.slice(0, 80)} (max length=${field.length})`,
        [field.name]
      ),
    }
  }
  if (field.type === "email" && !EMAIL.test(value)) {
    return {
      error: recordError(
        "INVALID_EMAIL_ADDRESS",
        `${field.label}: invalid email address: ${value}`,
        [field.name]
      ),
    }
  }
  if (
    field.type === "picklist" &&
    field.restrictedPicklist &&
    !field.picklistValues.some((p) => p.value === value)
  ) {
    return {
      error: recordError(
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        field.name === "CurrencyIsoCode"
          ? `${field.label}: invalid currency code: ${value}`
          : `${field.label}: bad value for restricted picklist field: ${value}`,
        [field.name]
      ),
    }
  }
  return { value }
}

function numeric(field: FieldSchema, raw: unknown): Coerced {
  const javaType = field.type === "int" ? "int" : "double"
  if (typeof raw !== "number" && typeof raw !== "string") {
    cannotDeserialize(javaType, raw)
  }
  if (raw === "") {
    return { value: null }
  }
  const value = Number(raw)
  if (
    !Number.isFinite(value) ||
    (field.type === "int" && !Number.isInteger(value))
  ) {
    cannotDeserialize(javaType, raw)
  }
  const integerDigits = field.precision - field.scale
  if (field.precision > 0 && Math.abs(value) >= 10 ** integerDigits) {
    return {
      error: recordError(
        "NUMBER_OUTSIDE_VALID_RANGE",
        `${field.label}: value outside of valid range on numeric field: ${raw}`,
        [field.name]
      ),
    }
  }
  const factor = 10 ** field.scale
  return {
    value: field.precision > 0 ? Math.round(value * factor) / factor : value,
  }
}

export function coerce(field: FieldSchema, raw: unknown): Coerced {
  if (raw === null || raw === undefined) {
    // Checkboxes are never null in Salesforce: clearing one unchecks it.
    return { value: field.type === "boolean" ? false : null }
  }
  switch (field.type) {
    case "string":
    case "email":
    case "phone":
    case "url":
    case "textarea":
    case "picklist":
      return text(field, raw)
    case "base64":
      if (typeof raw !== "string" || !/^[A-Za-z0-9+/=\s]*$/.test(raw)) {
        return cannotDeserialize("base64Binary", raw)
      }
      return { value: raw.replace(/\s/g, "") }
    case "boolean":
      if (typeof raw === "boolean") {
        return { value: raw }
      }
      if (raw === "true" || raw === "false") {
        return { value: raw === "true" }
      }
      return cannotDeserialize("boolean", raw)
    case "double":
    case "currency":
    case "percent":
    case "int":
      return numeric(field, raw)
    case "date": {
      if (typeof raw !== "string") {
        return cannotDeserialize("date", raw)
      }
      const match = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(raw)
      if (!match || Number.isNaN(Date.parse(match[1]))) {
        return cannotDeserialize("date", raw)
      }
      return { value: match[1] }
    }
    case "datetime": {
      if (
        typeof raw !== "string" ||
        Number.isNaN(Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")))
      ) {
        return cannotDeserialize("datetime", raw)
      }
      return {
        value: formatDateTime(
          new Date(raw.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))
        ),
      }
    }
    case "reference":
    case "id":
      if (typeof raw !== "string") {
        return cannotDeserialize("id", raw)
      }
      return { value: raw === "" ? null : raw }
  }
}
