import type { InvoiceType, SyncTrigger } from "./types"

/** Amounts arrive in major units (25 means 25.00). */
export function formatAmount(
  amount: number | null | undefined,
  currencyCode: string | null | undefined
) {
  if (amount === null || amount === undefined) {
    return "-"
  }
  try {
    return new Intl.NumberFormat(undefined, {
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
  return new Date(value).toLocaleDateString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
  })
}

export function formatDateTime(value: string | null | undefined) {
  if (!value) {
    return "-"
  }
  return new Date(value).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })
}

export const INVOICE_TYPE_LABEL: Record<InvoiceType, string> = {
  invoice: "Invoice",
  credit_note: "Credit note",
}

export const TRIGGER_LABEL: Record<SyncTrigger, string> = {
  automatic: "Automatic",
  manual: "Manual",
  bulk: "Bulk",
  order_numbers: "Order numbers",
  retry: "Retry",
  catch_up: "Catch-up",
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
  return "Something went wrong"
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
export const INVOICE_TYPE_OPTIONS = (
  Object.entries(INVOICE_TYPE_LABEL) as [InvoiceType, string][]
).map(([value, label]) => ({ label, value }))
