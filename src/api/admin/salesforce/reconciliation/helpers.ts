import type { MedusaContainer } from "@medusajs/framework/types"
import { INVOICE_MODULE } from "../../../../modules/invoice"
import type InvoiceModuleService from "../../../../modules/invoice/service"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import {
  compareDailyTotals,
  dailyTotalsSoql,
  DailyTotal,
  dateRanges,
  documentsSoql,
  explainDifferences,
  MedusaDocument,
  salesforceDailyTotal,
  salesforceDocument,
  toMinorUnits,
} from "../../../../modules/salesforce/reconciliation"
import type SalesforceModuleService from "../../../../modules/salesforce/service"

const INVOICE_COLUMNS = [
  "id",
  "number",
  "type",
  "currency_code",
  "total",
  "issue_date",
]

/**
 * Reconciles [from, to]: Medusa's daily totals (one grouped SQL query) against Salesforce's (one aggregate SOQL
 * query); for the days that differ, both sides' documents: Salesforce's live ones (one query) and the deleted ones
 * still in its recycle bin (one queryAll). Read-only on both sides. Answers how many SOQL queries it sent.
 */
export async function reconcile(
  container: MedusaContainer,
  from: string,
  to: string
) {
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  const invoices: InvoiceModuleService = container.resolve(INVOICE_MODULE)
  let queries = 0
  const query = (soql: string) => {
    queries++
    return salesforce.queryRecords<Record<string, unknown>>(soql)
  }
  const queryAll = (soql: string) => {
    queries++
    return salesforce.queryAllRecords<Record<string, unknown>>(soql)
  }

  const [medusaTotals, salesforceRows] = await Promise.all([
    invoices.dailyTotals({ from, to }),
    query(dailyTotalsSoql(from, to)),
  ])
  const medusa: DailyTotal[] = medusaTotals.map((t) => ({
    date: t.date,
    currency: t.currency,
    type: t.type,
    count: t.count,
    minor: toMinorUnits(t.total, t.currency),
  }))
  const days = compareDailyTotals(
    medusa,
    salesforceRows.map(salesforceDailyTotal).filter((t): t is DailyTotal => !!t)
  )
  const differing = [
    ...new Set(days.filter((d) => d.status === "differ").map((d) => d.date)),
  ]
  if (!differing.length) {
    return { from, to, days, documents: [], salesforce_queries: queries }
  }

  const issuedIn = dateRanges(differing).map(([a, b]) => ({
    issue_date: { $gte: a, $lte: b },
  }))
  const [medusaDocs, live, recycled] = await Promise.all([
    invoices.listInvoices({ $or: issuedIn }, { select: INVOICE_COLUMNS }),
    query(documentsSoql(differing, false)).then((rows) =>
      rows.map(salesforceDocument)
    ),
    queryAll(documentsSoql(differing, true)).then((rows) =>
      rows.map(salesforceDocument)
    ),
  ])
  // Salesforce records of these days whose Medusa document is dated otherwise (e.g. edited in Salesforce).
  const seen = new Set(medusaDocs.map((d) => d.id))
  const elsewhere = live
    .map((d) => d.medusa_id)
    .filter((id): id is string => !!id && !seen.has(id))
  const others = elsewhere.length
    ? await invoices.listInvoices(
        { id: elsewhere },
        { select: INVOICE_COLUMNS }
      )
    : []
  const all = [...medusaDocs, ...others]
  const syncs = await salesforce.listInvoiceSyncs(
    { invoice_id: all.map((d) => d.id) },
    { select: ["invoice_id", "salesforce_id"] }
  )
  const storedId = new Map(syncs.map((s) => [s.invoice_id, s.salesforce_id]))
  const documents: MedusaDocument[] = all.map((d) => ({
    id: d.id,
    number: d.number,
    date: d.issue_date,
    currency: d.currency_code.toUpperCase(),
    type: d.type === "credit_note" ? "credit_note" : "invoice",
    minor: toMinorUnits(d.total, d.currency_code),
    salesforce_id: storedId.get(d.id) ?? null,
  }))
  return {
    from,
    to,
    days,
    documents: explainDifferences(documents, live, recycled),
    salesforce_queries: queries,
  }
}
