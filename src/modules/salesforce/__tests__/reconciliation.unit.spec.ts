import {
  compareDailyTotals,
  dailyTotalsSoql,
  dateRanges,
  documentsSoql,
  explainDifferences,
  MedusaDocument,
  SalesforceDocument,
  salesforceDailyTotal,
  salesforceDocument,
} from "../reconciliation"

const medusaDoc = (
  id: string,
  minor: number,
  extra: Partial<MedusaDocument> = {}
): MedusaDocument => ({
  id,
  number: id.toUpperCase(),
  date: "2026-03-01",
  currency: "EUR",
  type: "invoice",
  minor,
  salesforce_id: null,
  ...extra,
})
const sfDoc = (
  id: string,
  medusaId: string | null,
  minor: number,
  extra: Partial<SalesforceDocument> = {}
): SalesforceDocument => ({
  id,
  medusa_id: medusaId,
  name: medusaId ? medusaId.toUpperCase() : "BY-HAND-1",
  date: "2026-03-01",
  currency: "EUR",
  type: "invoice",
  minor,
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

  it("compares counts and totals per day and currency, in euro cents", () => {
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
          minor: 3030,
        },
        {
          date: "2026-03-02",
          currency: "EUR",
          type: "credit_note",
          count: 1,
          minor: 501,
        },
        {
          date: "2026-03-02",
          currency: "USD",
          type: "invoice",
          count: 1,
          minor: 100,
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

  it("compares JPY in whole yen and KWD in fils, not in cents", () => {
    const sf = [
      // 1980 yen: exactly what Medusa has.
      ["2026-03-01", "JPY", 1980],
      // 4.415 KWD against Medusa's 4.416: one fils apart, which two decimals would not see.
      ["2026-03-01", "KWD", 4.415],
      // 0.0004 KWD of floating-point noise below the fils is no difference.
      ["2026-03-02", "KWD", 1.2344],
    ]
      .map(([date, currency, total]) =>
        salesforceDailyTotal({
          Invoice_Date__c: date,
          Currency__c: currency,
          Document_Type__c: "Invoice",
          n: 1,
          total,
        })
      )
      .filter((t) => t !== null)
    expect(sf.map((t) => t.minor)).toEqual([1980, 4415, 1234])
    const medusa = [
      ["2026-03-01", "JPY", 1980],
      ["2026-03-01", "KWD", 4416],
      ["2026-03-02", "KWD", 1234],
    ].map(([date, currency, minor]) => ({
      date: String(date),
      currency: String(currency),
      type: "invoice" as const,
      count: 1,
      minor: Number(minor),
    }))
    const days = compareDailyTotals(medusa, sf)
    expect(days.map((d) => [d.date, d.currency, d.status])).toEqual([
      ["2026-03-01", "JPY", "agree"],
      ["2026-03-01", "KWD", "differ"],
      ["2026-03-02", "KWD", "agree"],
    ])
    // Back in major units with the currency's decimals.
    expect(days[0].medusa.invoices.total).toBe(1980)
    expect(days[1].medusa.invoices.total).toBe(4.416)
    expect(days[1].salesforce.invoices.total).toBe(4.415)

    const [differs] = explainDifferences(
      [medusaDoc("inv_kwd", 4416, { currency: "KWD" })],
      [
        salesforceDocument({
          Id: "a01000000000001AAA",
          Medusa_Id__c: "inv_kwd",
          Name: "INV_KWD",
          Invoice_Date__c: "2026-03-01",
          Currency__c: "KWD",
          Document_Type__c: "Invoice",
          Total__c: 4.415,
        }),
      ],
      []
    )
    expect(differs).toEqual(
      expect.objectContaining({
        kind: "total_differs",
        medusa_total: 4.416,
        salesforce_total: 4.415,
      })
    )
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
