/**
 * The Salesforce mapping: one pure function from an invoice document to the records that represent it. Nothing
 * here calls Salesforce or reads settings; the sync workflow decides when, the client decides how.
 */
import { currencyDecimals, roundMoney } from "../../utils/money"
import { documentAmounts } from "./amount-basis"

export const INVOICE_OBJECT = "Medusa_Invoice__c"
export const INVOICE_LINE_OBJECT = "Medusa_Invoice_Line__c"
export const EXTERNAL_ID = "Medusa_Id__c"
export const CUSTOMER_EXTERNAL_ID = "Medusa_Customer_Id__c"

type Amount = number | string | { toJSON(): number | string } | null | undefined

export type SyncableInvoice = {
  id: string
  number: string
  type: "invoice" | "credit_note" | string
  order_id: string
  order_display_id: number
  customer_id?: string | null
  customer_email?: string | null
  customer_name?: string | null
  /** false for a guest checkout; null when not known (documents issued before it was kept). */
  customer_has_account?: boolean | null
  currency_code: string
  subtotal: Amount
  discount_total: Amount
  shipping_total: Amount
  tax_total: Amount
  total: Amount
  tax_breakdown?: Array<{
    rate: string
    taxable_base: string
    tax_amount: string
  }> | null
  issued_at: Date | string
  /** The store-local calendar date (YYYY-MM-DD) the document is dated. */
  issue_date?: string | null
  original_invoice_id?: string | null
  lines?: Array<{
    id: string
    /** "shipping" for a shipping method's line; the shipping amounts are these lines'. */
    kind?: "item" | "shipping" | string | null
    title: string
    sku?: string | null
    quantity: Amount
    unit_price: Amount
    tax_rate?: Amount
    discount_total: Amount
    tax_total: Amount
    total: Amount
  }> | null
  comments?: Array<{
    id: string
    text: string
    author_name: string
    created_at: Date | string
  }> | null
}

/** How the invoice points at its customer: an existing Contact found by email, or ours by external ID. */
export type CustomerReference =
  | { kind: "contact"; contactId: string; accountId: string | null }
  | { kind: "external"; customerKey: string }
  | { kind: "none" }

export type SalesforceRecord = Record<string, unknown>

export type InvoiceRecords = {
  invoice: SalesforceRecord
  lines: SalesforceRecord[]
}

/**
 * Money in the currency's minor units (JPY 0 decimals, EUR 2, KWD 3; our Number(16,3) fields hold 3), half away
 * from zero, without float drift.
 */
export function toMoney(amount: Amount, currencyCode: string): number {
  return roundMoney(amount as number, currencyCode).toNumber()
}

/** The tax per rate as one text: "19 %: 55.35 + 10.51 tax", a line per rate. */
export function formatTaxBreakdown(
  breakdown: NonNullable<SyncableInvoice["tax_breakdown"]>,
  currencyCode: string
): string | null {
  if (!breakdown.length) {
    return null
  }
  const decimals = currencyDecimals(currencyCode)
  const money = (v: string) => roundMoney(v, currencyCode).toFixed(decimals)
  return breakdown
    .map(
      (t) =>
        `${t.rate} %: ${money(t.taxable_base)} + ${money(t.tax_amount)} tax`
    )
    .join("\n")
}

function toDate(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 10)
}

/** The invoice's comments as they read in Salesforce's Notes field, oldest first. */
export function formatNotes(
  comments: NonNullable<SyncableInvoice["comments"]>
): string {
  return [...comments]
    .sort(
      (a, b) =>
        new Date(a.created_at).getTime() - new Date(b.created_at).getTime()
    )
    .map(
      (c) =>
        `${new Date(c.created_at).toISOString().slice(0, 16).replace("T", " ")} UTC, ${c.author_name}:\n${c.text}`
    )
    .join("\n\n")
}

/** The key our Account and Contact carry: the Medusa customer, or the email for an order without one. */
export function customerKeyOf(
  invoice: Pick<SyncableInvoice, "customer_id" | "customer_email">
): string | null {
  if (invoice.customer_id) return invoice.customer_id
  return invoice.customer_email
    ? `email:${invoice.customer_email.toLowerCase()}`
    : null
}

function customerFields(customer: CustomerReference): SalesforceRecord {
  switch (customer.kind) {
    case "contact":
      return {
        Contact__c: customer.contactId,
        ...(customer.accountId ? { Account__c: customer.accountId } : {}),
      }
    case "external":
      return {
        Contact__r: { [CUSTOMER_EXTERNAL_ID]: customer.customerKey },
        Account__r: { [CUSTOMER_EXTERNAL_ID]: customer.customerKey },
      }
    default:
      return {}
  }
}

/** Which records carry the org's CurrencyIsoCode (a multi-currency org); none when left out. */
export type CurrencyIsoCodeFields = { invoice: boolean; line: boolean }

/**
 * The invoice and its lines as Salesforce records, each keyed by its Medusa id. With `syncNotes` off the notes
 * field is left out entirely, so Salesforce keeps whatever it has. In a multi-currency org the records carry the
 * document's currency as CurrencyIsoCode, so Salesforce reads the amounts in it (not the corporate currency).
 */
export function invoiceToRecords(
  invoice: SyncableInvoice,
  options: {
    customer: CustomerReference
    syncNotes: boolean
    currencyIsoCode?: CurrencyIsoCodeFields
  }
): InvoiceRecords {
  const currency = invoice.currency_code
  const isoCode = { CurrencyIsoCode: currency.toUpperCase() }
  // Each amount on its stated basis (amount-basis.ts): the plain fields net, the _Gross fields with tax.
  const amounts = documentAmounts(invoice)
  const record: SalesforceRecord = {
    [EXTERNAL_ID]: invoice.id,
    Name: invoice.number,
    Document_Type__c:
      invoice.type === "credit_note" ? "Credit Note" : "Invoice",
    Order_Number__c: String(invoice.order_display_id),
    Medusa_Order_Id__c: invoice.order_id,
    Customer_Email__c: invoice.customer_email ?? null,
    Currency__c: invoice.currency_code.toUpperCase(),
    Subtotal__c: amounts.net.subtotal.toNumber(),
    Discount_Total__c: amounts.net.discount.toNumber(),
    Shipping_Total__c: amounts.net.shipping.toNumber(),
    Subtotal_Gross__c: amounts.gross.subtotal.toNumber(),
    Discount_Gross__c: amounts.gross.discount.toNumber(),
    Shipping_Gross__c: amounts.gross.shipping.toNumber(),
    Tax_Total__c: amounts.tax.toNumber(),
    Total__c: amounts.total.toNumber(),
    Status__c: "Issued",
    Invoice_Date__c: invoice.issue_date ?? toDate(invoice.issued_at),
    Tax_Breakdown__c: formatTaxBreakdown(invoice.tax_breakdown ?? [], currency),
    ...customerFields(options.customer),
    ...(options.currencyIsoCode?.invoice ? isoCode : {}),
  }
  if (invoice.type === "credit_note" && invoice.original_invoice_id) {
    record.Original_Invoice__r = { [EXTERNAL_ID]: invoice.original_invoice_id }
  }
  if (options.syncNotes) {
    record.Notes__c = invoice.comments?.length
      ? formatNotes(invoice.comments)
      : null
  }
  const lines = (invoice.lines ?? []).map((line, i) => {
    const { net, gross, tax, total } = amounts.lines[i]
    return {
      [EXTERNAL_ID]: line.id,
      Invoice__r: { [EXTERNAL_ID]: invoice.id },
      Product_Title__c: line.title.slice(0, 255),
      SKU__c: line.sku ?? null,
      Quantity__c: Number(line.quantity),
      Unit_Price__c: net.unitPrice.toNumber(),
      Subtotal__c: net.subtotal.toNumber(),
      Discount__c: net.discount.toNumber(),
      Unit_Price_Gross__c: gross.unitPrice.toNumber(),
      Subtotal_Gross__c: gross.subtotal.toNumber(),
      Discount_Gross__c: gross.discount.toNumber(),
      Tax_Rate__c: Number(line.tax_rate ?? 0),
      Tax__c: tax.toNumber(),
      Total__c: total.toNumber(),
      ...(options.currencyIsoCode?.line ? isoCode : {}),
    }
  })
  return { invoice: record, lines }
}

/** Our Account and Contact for a customer that has no Contact in Salesforce yet. */
export function customerToRecords(customer: {
  key: string
  email: string | null
  name: string | null
}): {
  account: SalesforceRecord
  contact: SalesforceRecord
} {
  const name = customer.name?.trim() || customer.email || "Medusa customer"
  const parts = name.split(/\s+/)
  const lastName = parts.length > 1 ? parts.slice(1).join(" ") : parts[0]
  const firstName = parts.length > 1 ? parts[0] : null
  return {
    account: { [CUSTOMER_EXTERNAL_ID]: customer.key, Name: name.slice(0, 255) },
    contact: {
      [CUSTOMER_EXTERNAL_ID]: customer.key,
      FirstName: firstName,
      LastName: lastName.slice(0, 80),
      Email: customer.email,
      Account: { [CUSTOMER_EXTERNAL_ID]: customer.key },
    },
  }
}
