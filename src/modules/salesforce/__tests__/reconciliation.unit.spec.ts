import {
  compareDailyTotals,
  dailyTotalsSoql,
  dateRanges,
  documentsSoql,
  explainDifferences,
  MedusaDocument,
  SalesforceDocument,
  salesforceDailyTotal,
} from "../reconciliation"

const medusaDoc = (
  id: string,
  cents: number,
  extra: Partial<MedusaDocument> = {}
): MedusaDocument => ({
  id,
  number: id.toUpperCase(),
  date: "2026-03-01",
  currency: "EUR",
  type: "invoice",
  cents,
  salesforce_id: null,
  ...extra,
})
const sfDoc = (
  id: string,
  medusaId: string | null,
  cents: number,
  extra: Partial<SalesforceDocument> = {}
): SalesforceDocument => ({
  id,
  medusa_id: medusaId,
  name: medusaId ? medusaId.toUpperCase() : "BY-HAND-1",
  date: "2026-03-01",
  currency: "EUR",
  type: "invoice",
  cents,
  ...extra,
})

describe("reconciliation", () => {
  it("asks Salesforce for the whole period in one grouped query", () => {
    expect(dailyTotalsSoql("2026-01-01", "2026-03-31")).toBe(
      "SELECT Invoice_Date__c, Currency__c, Document_Type__c, COUNT(Id) n, SUM(Total__c) total " +
        "FROM Medusa_Invoice__c WHERE (Invoice_Date__c >= 2026-01-01 AND Invoice_Date__c <= 2026-03-31) " +
        "GROUP BY Invoice_Date__c, Currency__c, Document_Type__c"
    )
  })

  it("folds differing days into ranges, and refuses anything but dates in SOQL", () => {
    expect(
      dateRanges(["2026-03-03", "2026-03-01", "2026-03-02", "2026-03-05"])
    ).toEqual([
      ["2026-03-01", "2026-03-03"],
      ["2026-03-05", "2026-03-05"],
    ])
    expect(documentsSoql(["2026-03-01", "2026-03-05"], true)).toContain(
      "WHERE IsDeleted = true AND (Invoice_Date__c = 2026-03-01 OR Invoice_Date__c = 2026-03-05)"
    )
    expect(() => documentsSoql(["2026-03-01' OR Name != '"], false)).toThrow()
  })

  it("compares counts and totals per day and currency, in cents", () => {
    const sf = [
      {
        Invoice_Date__c: "2026-03-01",
        Currency__c: "EUR",
        Document_Type__c: "Invoice",
        n: 2,
        total: 30.3,
      },
      {
        Invoice_Date__c: "2026-03-02",
        Currency__c: "EUR",
        Document_Type__c: "Credit Note",
        n: 1,
        total: 5,
      },
      // A type we never send is not ours to count.
      {
        Invoice_Date__c: "2026-03-02",
        Currency__c: "EUR",
        Document_Type__c: "Quote",
        n: 9,
        total: 1,
      },
    ]
      .map(salesforceDailyTotal)
      .filter((t) => t !== null)
    const days = compareDailyTotals(
      [
        {
          date: "2026-03-01",
          currency: "EUR",
          type: "invoice",
          count: 2,
          cents: 3030,
        },
        {
          date: "2026-03-02",
          currency: "EUR",
          type: "credit_note",
          count: 1,
          cents: 501,
        },
        {
          date: "2026-03-02",
          currency: "USD",
          type: "invoice",
          count: 1,
          cents: 100,
        },
      ],
      sf
    )
    expect(days.map((d) => [d.date, d.currency, d.status])).toEqual([
      ["2026-03-01", "EUR", "agree"],
      ["2026-03-02", "EUR", "differ"],
      ["2026-03-02", "USD", "differ"],
    ])
    expect(days[1].medusa.credit_notes).toEqual({ count: 1, total: 5.01 })
    expect(days[1].salesforce.credit_notes).toEqual({ count: 1, total: 5 })
    expect(days[2].salesforce.invoices).toEqual({ count: 0, total: 0 })
  })

  it("names each document that explains a difference", () => {
    const differences = explainDifferences(
      [
        medusaDoc("inv_ok", 1000, { salesforce_id: "a01ok" }),
        medusaDoc("inv_missing", 2000),
        medusaDoc("inv_changed", 3000, { salesforce_id: "a01changed" }),
        medusaDoc("inv_binned", 4000, { salesforce_id: "a01binned" }),
        medusaDoc("inv_purged", 5000, { salesforce_id: "a01purged" }),
      ],
      [
        sfDoc("a01ok", "inv_ok", 1000),
        sfDoc("a01changed", "inv_changed", 2999),
        sfDoc("a01hand", null, 700),
      ],
      [sfDoc("a01binned", "inv_binned", 4000)]
    )
    expect(
      differences.map((d) => [
        d.kind,
        d.invoice_id,
        d.salesforce_id,
        d.in_recycle_bin ?? null,
        d.fixable,
      ])
    ).toEqual([
      ["unknown_to_medusa", null, "a01hand", null, false],
      ["deleted_in_salesforce", "inv_binned", "a01binned", true, true],
      ["total_differs", "inv_changed", "a01changed", null, true],
      ["missing_in_salesforce", "inv_missing", null, null, true],
      ["deleted_in_salesforce", "inv_purged", "a01purged", false, true],
    ])
    expect(differences[2]).toEqual(
      expect.objectContaining({ medusa_total: 30, salesforce_total: 29.99 })
    )
  })
})
