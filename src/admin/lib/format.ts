import { adminLocale, translate } from "./i18n"
import type { InvoiceType, SyncTrigger } from "./types"

/** Amounts arrive in major units (25 means 25.00); written in the admin's language (digits, separators, symbol). */
export function formatAmount(
  amount: number | null | undefined,
  currencyCode: string | null | undefined
) {
  if (amount === null || amount === undefined) {
    return "-"
  }
  try {
    return new Intl.NumberFormat(adminLocale(), {
      style: "currency",
      currency: (currencyCode || "usd").toUpperCase(),
    }).format(amount)
  } catch {
    // An unknown currency code: show the number with the code rather than fail the whole table.
    return `${amount.toFixed(2)} ${(currencyCode ?? "").toUpperCase()}`
  }
}

export function formatDate(value: string | null | undefined) {
  if (!value) {
    return "-"
  }
  return new Date(value).toLocaleDateString(adminLocale(), {
    year: "numeric",
    month: "short",
    day: "numeric",
  })
}

export function formatDateTime(value: string | null | undefined) {
  if (!value) {
    return "-"
  }
  return new Date(value).toLocaleString(adminLocale(), {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })
}

/** A count or other plain number in the admin's language. */
export function formatNumber(value: number | null | undefined) {
  return value === null || value === undefined
    ? "-"
    : new Intl.NumberFormat(adminLocale()).format(value)
}

/** Translation keys (see src/admin/i18n) of the document types and sync triggers, for `t`. */
export const INVOICE_TYPE_LABEL: Record<InvoiceType, string> = {
  invoice: "invoiceType.invoice",
  credit_note: "invoiceType.credit_note",
}

export const TRIGGER_LABEL: Record<SyncTrigger, string> = {
  automatic: "trigger.automatic",
  manual: "trigger.manual",
  bulk: "trigger.bulk",
  order_numbers: "trigger.order_numbers",
  retry: "trigger.retry",
  catch_up: "trigger.catch_up",
}

/** Cuts a text at `max` characters with an ellipsis (the full text goes into a tooltip). */
export function truncate(text: string, max = 40) {
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text
}

/** The message of a failed request, as the js-sdk's FetchError or any other error carries it. */
export function errorMessage(error: unknown) {
  if (
    error &&
    typeof error === "object" &&
    "message" in error &&
    typeof error.message === "string"
  ) {
    return error.message
  }
  return translate("common.somethingWentWrong")
}

/** 404 from a route that is not deployed yet (or a record that is gone). */
export function isNotFound(error: unknown) {
  return (
    !!error &&
    typeof error === "object" &&
    "status" in error &&
    error.status === 404
  )
}

/** Midnight `days` days ago, as the ISO string the date filters send. */
export function daysAgo(days: number) {
  const d = new Date()
  d.setHours(0, 0, 0, 0)
  d.setDate(d.getDate() - days)
  return d.toISOString()
}

/** The invoice / credit note choice of the grid's and the log's type filters. */
export const invoiceTypeOptions = (t: (key: string) => string) =>
  (Object.entries(INVOICE_TYPE_LABEL) as [InvoiceType, string][]).map(
    ([value, key]) => ({ label: t(key), value })
  )
