/**
 * Reconciliation: do Medusa and Salesforce agree on what was invoiced? Per day and currency, the count and total
 * of invoices and credit notes on each side; for the days that differ, the documents that explain it. Pure
 * functions: the SOQL to send and the comparison of what came back. Amounts are compared as whole numbers of the
 * currency's minor unit (ISO 4217: JPY yen, EUR cents, KWD fils), as the mapping rounds them (half away from zero).
 */
import { currencyDecimals, roundMoney } from "../../utils/money"
import { EXTERNAL_ID, INVOICE_OBJECT } from "./mapping"

export type DocumentType = "invoice" | "credit_note"

/** Count and total (in the currency's minor units) of one document type on one day in one currency. */
export type DailyTotal = {
  date: string
  currency: string
  type: DocumentType
  count: number
  minor: number
}

export type SideTotals = {
  invoices: { count: number; total: number }
  credit_notes: { count: number; total: number }
}

export type ReconciledDay = {
  date: string
  currency: string
  medusa: SideTotals
  salesforce: SideTotals
  status: "agree" | "differ"
}

/** A document as each side knows it, with its total in its currency's minor units. */
export type MedusaDocument = {
  id: string
  number: string
  date: string
  currency: string
  type: DocumentType
  minor: number
  /** The Salesforce id the sync stored, when it ever succeeded. */
  salesforce_id: string | null
}

export type SalesforceDocument = {
  id: string
  medusa_id: string | null
  name: string | null
  date: string
  currency: string
  type: DocumentType | null
  minor: number
}

export type DifferenceKind =
  | "missing_in_salesforce"
  | "total_differs"
  | "unknown_to_medusa"
  | "deleted_in_salesforce"

export type DocumentDifference = {
  kind: DifferenceKind
  date: string
  currency: string
  document_type: DocumentType | null
  invoice_id: string | null
  number: string | null
  medusa_total: number | null
  salesforce_total: number | null
  salesforce_id: string | null
  /** A deleted record still in the recycle bin (seen with queryAll). */
  in_recycle_bin?: boolean
  /** Syncing the document again fixes it (Medusa holds the truth); false for records Medusa does not know. */
  fixable: boolean
}

export const MAX_RECONCILIATION_DAYS = 92

const DAY_MS = 24 * 60 * 60 * 1000

/** Every date from `from` to `to`, both included (YYYY-MM-DD, UTC). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= Date.parse(`${to}T00:00:00Z`);
    t += DAY_MS
  ) {
    days.push(new Date(t).toISOString().slice(0, 10))
  }
  return days
}

/** Sorted days folded into contiguous [first, last] ranges, so a query names few ranges, not every day. */
export function dateRanges(days: string[]): [string, string][] {
  const sorted = [...new Set(days)].sort()
  const ranges: [string, string][] = []
  for (const day of sorted) {
    const last = ranges[ranges.length - 1]
    if (last && Date.parse(day) - Date.parse(last[1]) === DAY_MS) {
      last[1] = day
    } else {
      ranges.push([day, day])
    }
  }
  return ranges
}

const SALESFORCE_TYPES: Record<string, DocumentType> = {
  Invoice: "invoice",
  "Credit Note": "credit_note",
}

export function documentTypeFromSalesforce(
  value: unknown
): DocumentType | null {
  return typeof value === "string" ? (SALESFORCE_TYPES[value] ?? null) : null
}

/** An amount as a whole number of the currency's minor unit, rounded half away from zero: 4.4155 KWD -> 4416. */
export function toMinorUnits(amount: unknown, currency: string): number {
  const n = typeof amount === "number" ? amount : Number(amount ?? 0)
  // Through the decimal string: 4.415 * 1000 in floating point is 4414.999...
  return roundMoney(String(Number.isFinite(n) ? n : 0), currency)
    .shiftedBy(currencyDecimals(currency))
    .toNumber()
}

/** Minor units back to the currency's major unit: 4415 KWD fils -> 4.415. */
export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDecimals(currency)
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function rangeCondition(ranges: [string, string][]): string {
  for (const [a, b] of ranges) {
    // Dates go into SOQL unquoted: only well-formed ones may.
    if (!DATE.test(a) || !DATE.test(b)) {
      throw new Error(`not a date range: ${a}..${b}`)
    }
  }
  return ranges
    .map(([a, b]) =>
      a === b
        ? `Invoice_Date__c = ${a}`
        : `(Invoice_Date__c >= ${a} AND Invoice_Date__c <= ${b})`
    )
    .join(" OR ")
}

/** One aggregate query for the whole period: a row per day, currency and document type. */
export function dailyTotalsSoql(from: string, to: string): string {
  return (
    `SELECT Invoice_Date__c, Currency__c, Document_Type__c, COUNT(Id) n, SUM(Total__c) total ` +
    `FROM ${INVOICE_OBJECT} WHERE ${rangeCondition([[from, to]])} ` +
    `GROUP BY Invoice_Date__c, Currency__c, Document_Type__c`
  )
}

const DOCUMENT_FIELDS = `Id, ${EXTERNAL_ID}, Name, Invoice_Date__c, Currency__c, Document_Type__c, Total__c`

/** The live documents of the given days (query), or the deleted ones still in the recycle bin (queryAll). */
export function documentsSoql(days: string[], deleted: boolean): string {
  return (
    `SELECT ${DOCUMENT_FIELDS} FROM ${INVOICE_OBJECT} WHERE ` +
    (deleted ? "IsDeleted = true AND " : "") +
    `(${rangeCondition(dateRanges(days))})`
  )
}

/** A document row of documentsSoql in our terms. */
export function salesforceDocument(
  row: Record<string, unknown>
): SalesforceDocument {
  const currency = String(row.Currency__c ?? "").toUpperCase()
  return {
    id: String(row.Id),
    medusa_id: typeof row[EXTERNAL_ID] === "string" ? row[EXTERNAL_ID] : null,
    name: typeof row.Name === "string" ? row.Name : null,
    date: String(row.Invoice_Date__c ?? ""),
    currency,
    type: documentTypeFromSalesforce(row.Document_Type__c),
    minor: toMinorUnits(row.Total__c, currency),
  }
}

/** An AggregateResult row of dailyTotalsSoql in our terms; rows of a type we do not send are left out. */
export function salesforceDailyTotal(
  row: Record<string, unknown>
): DailyTotal | null {
  const type = documentTypeFromSalesforce(row.Document_Type__c)
  if (!type || typeof row.Invoice_Date__c !== "string") {
    return null
  }
  const currency = String(row.Currency__c ?? "").toUpperCase()
  return {
    date: row.Invoice_Date__c,
    currency,
    type,
    count: Number(row.n ?? 0),
    minor: toMinorUnits(row.total, currency),
  }
}

const emptySide = (): SideTotals => ({
  invoices: { count: 0, total: 0 },
  credit_notes: { count: 0, total: 0 },
})

function add(side: SideTotals, total: DailyTotal) {
  const slot = total.type === "invoice" ? side.invoices : side.credit_notes
  slot.count += total.count
  slot.total += total.minor
}

/**
 * The days (and currencies) either side has documents on, oldest first, with both sides' totals in major units.
 * Days neither side has anything on are left out.
 */
export function compareDailyTotals(
  medusa: DailyTotal[],
  salesforce: DailyTotal[]
): ReconciledDay[] {
  const days = new Map<
    string,
    {
      date: string
      currency: string
      medusa: SideTotals
      salesforce: SideTotals
    }
  >()
  const slot = (t: DailyTotal) => {
    const key = `${t.date}|${t.currency}`
    const day = days.get(key) ?? {
      date: t.date,
      currency: t.currency,
      medusa: emptySide(),
      salesforce: emptySide(),
    }
    days.set(key, day)
    return day
  }
  for (const t of medusa) add(slot(t).medusa, t)
  for (const t of salesforce) add(slot(t).salesforce, t)
  const same = (a: SideTotals, b: SideTotals) =>
    a.invoices.count === b.invoices.count &&
    a.invoices.total === b.invoices.total &&
    a.credit_notes.count === b.credit_notes.count &&
    a.credit_notes.total === b.credit_notes.total
  const inMajor = (side: SideTotals, currency: string): SideTotals => ({
    invoices: {
      count: side.invoices.count,
      total: fromMinorUnits(side.invoices.total, currency),
    },
    credit_notes: {
      count: side.credit_notes.count,
      total: fromMinorUnits(side.credit_notes.total, currency),
    },
  })
  return [...days.values()]
    .sort((a, b) =>
      a.date === b.date
        ? a.currency.localeCompare(b.currency)
        : a.date.localeCompare(b.date)
    )
    .map((d) => ({
      date: d.date,
      currency: d.currency,
      medusa: inMajor(d.medusa, d.currency),
      salesforce: inMajor(d.salesforce, d.currency),
      status: same(d.medusa, d.salesforce) ? "agree" : "differ",
    }))
}

/**
 * The documents behind the differing days: Medusa's documents of those days against Salesforce's live ones (by
 * external ID), and the deleted ones queryAll still sees. A Medusa document the sync once stored a Salesforce id
 * for, but which Salesforce no longer has, was deleted there (in the recycle bin or already purged).
 */
export function explainDifferences(
  medusa: MedusaDocument[],
  live: SalesforceDocument[],
  recycled: SalesforceDocument[]
): DocumentDifference[] {
  const liveByMedusaId = new Map(
    live.filter((d) => d.medusa_id).map((d) => [d.medusa_id!, d])
  )
  const recycledIds = new Set(recycled.map((d) => d.id))
  const recycledByMedusaId = new Map(
    recycled.filter((d) => d.medusa_id).map((d) => [d.medusa_id!, d])
  )
  const known = new Set(medusa.map((d) => d.id))
  const differences: DocumentDifference[] = []

  for (const doc of medusa) {
    const base = {
      date: doc.date,
      currency: doc.currency,
      document_type: doc.type,
      invoice_id: doc.id,
      number: doc.number,
      medusa_total: fromMinorUnits(doc.minor, doc.currency),
      fixable: true,
    }
    const record = liveByMedusaId.get(doc.id)
    if (record) {
      if (
        record.minor !== doc.minor ||
        record.currency !== doc.currency ||
        record.type !== doc.type ||
        record.date !== doc.date
      ) {
        differences.push({
          ...base,
          kind: "total_differs",
          salesforce_total: fromMinorUnits(record.minor, record.currency),
          salesforce_id: record.id,
        })
      }
      continue
    }
    const binned = recycledByMedusaId.get(doc.id)
    if (doc.salesforce_id || binned) {
      const id = binned?.id ?? doc.salesforce_id
      differences.push({
        ...base,
        kind: "deleted_in_salesforce",
        salesforce_total: binned
          ? fromMinorUnits(binned.minor, binned.currency)
          : null,
        salesforce_id: id,
        in_recycle_bin: !!binned || (!!id && recycledIds.has(id)),
      })
      continue
    }
    differences.push({
      ...base,
      kind: "missing_in_salesforce",
      salesforce_total: null,
      salesforce_id: null,
    })
  }
  for (const record of live) {
    if (record.medusa_id && known.has(record.medusa_id)) continue
    differences.push({
      kind: "unknown_to_medusa",
      date: record.date,
      currency: record.currency,
      document_type: record.type,
      invoice_id: null,
      number: record.name,
      medusa_total: null,
      salesforce_total: fromMinorUnits(record.minor, record.currency),
      salesforce_id: record.id,
      fixable: false,
    })
  }
  return differences.sort((a, b) =>
    a.date === b.date
      ? (a.number ?? "").localeCompare(b.number ?? "")
      : a.date.localeCompare(b.date)
  )
}
