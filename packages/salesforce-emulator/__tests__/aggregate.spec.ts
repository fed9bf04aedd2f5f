import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  clientCredentialsConnection,
  emulator,
  invoice,
  rejection,
} from "./support"

type Row = Record<string, unknown>

describe("SOQL aggregate queries with GROUP BY and HAVING", () => {
  let sf: EmulatorHandle
  let conn: Connection

  const rows = async (soql: string) =>
    (await conn.query<Row>(soql)).records.map(
      ({ attributes: _, ...row }) => row
    )

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
    const accountId = sf.insert("Account", { Name: "Acme" })
    const docs: [string, string, string, number][] = [
      ["2024-01-01", "EUR", "Invoice", 10.1],
      ["2024-01-01", "EUR", "Invoice", 20.2],
      ["2024-01-01", "usd", "Invoice", 5],
      ["2024-01-01", "EUR", "Credit Note", 3],
      ["2024-01-02", "EUR", "Invoice", 7.25],
    ]
    docs.forEach(([date, currency, type, total], i) =>
      sf.insert(
        "Medusa_Invoice__c",
        invoice(i, {
          Invoice_Date__c: date,
          Currency__c: currency,
          Document_Type__c: type,
          Total__c: total,
          Account__c: i < 2 ? accountId : null,
        })
      )
    )
    // Deleted records count for queryAll only.
    const gone = sf.insert(
      "Medusa_Invoice__c",
      invoice(9, { Invoice_Date__c: "2024-01-02", Total__c: 1 })
    )
    await conn.sobject("Medusa_Invoice__c").destroy(gone)
  })

  afterAll(() => sf.stop())

  it("groups, names unaliased aggregates expr0, expr1 and keeps aliases", async () => {
    const result = await conn.query<Row>(
      "SELECT Invoice_Date__c, Currency__c, COUNT(Id), SUM(Total__c) total, MAX(Total__c) " +
        "FROM Medusa_Invoice__c WHERE Document_Type__c = 'Invoice' " +
        "GROUP BY Invoice_Date__c, Currency__c ORDER BY Invoice_Date__c, Currency__c"
    )
    expect(result.totalSize).toBe(3)
    expect(result.done).toBe(true)
    expect(result.records[0].attributes).toEqual({ type: "AggregateResult" })
    expect(result.records.map(({ attributes: _, ...r }) => r)).toEqual([
      {
        Invoice_Date__c: "2024-01-01",
        Currency__c: "EUR",
        expr0: 2,
        total: 30.3, // exact, not 30.299999999999997
        expr1: 20.2,
      },
      {
        Invoice_Date__c: "2024-01-01",
        Currency__c: "usd",
        expr0: 1,
        total: 5,
        expr1: 5,
      },
      {
        Invoice_Date__c: "2024-01-02",
        Currency__c: "EUR",
        expr0: 1,
        total: 7.25,
        expr1: 7.25,
      },
    ])
  })

  it("filters groups with HAVING on aggregates and grouped fields, orders by an aggregate", async () => {
    expect(
      await rows(
        "SELECT Invoice_Date__c d, COUNT(Id) n FROM Medusa_Invoice__c " +
          "GROUP BY Invoice_Date__c HAVING COUNT(Id) > 1"
      )
    ).toEqual([{ d: "2024-01-01", n: 4 }])
    expect(
      await rows(
        "SELECT Currency__c, SUM(Total__c) FROM Medusa_Invoice__c GROUP BY Currency__c " +
          "HAVING Currency__c != 'usd' AND (SUM(Total__c) < 10 OR SUM(Total__c) > 40)"
      )
    ).toEqual([{ Currency__c: "EUR", expr0: 40.55 }])
    expect(
      await rows(
        "SELECT Document_Type__c, SUM(Total__c) s FROM Medusa_Invoice__c " +
          "GROUP BY Document_Type__c ORDER BY SUM(Total__c) ASC LIMIT 1"
      )
    ).toEqual([{ Document_Type__c: "Credit Note", s: 3 }])
  })

  it("answers one row without GROUP BY, with null sums when nothing matches", async () => {
    expect(
      await rows(
        "SELECT COUNT(Id), SUM(Total__c), MIN(Invoice_Date__c), AVG(Total__c) a FROM Medusa_Invoice__c " +
          "WHERE Currency__c = 'EUR'"
      )
    ).toEqual([{ expr0: 4, expr1: 40.55, expr2: "2024-01-01", a: 40.55 / 4 }])
    expect(
      await rows(
        "SELECT COUNT(Id), SUM(Total__c) FROM Medusa_Invoice__c WHERE Currency__c = 'NOK'"
      )
    ).toEqual([{ expr0: 0, expr1: null }])
  })

  it("groups by a parent field under its own name, with a null group for no parent", async () => {
    expect(
      await rows(
        "SELECT Account__r.Name, COUNT(Id) FROM Medusa_Invoice__c GROUP BY Account__r.Name ORDER BY Account__r.Name NULLS LAST"
      )
    ).toEqual([
      { Name: "Acme", expr0: 2 },
      { Name: null, expr0: 3 },
    ])
  })

  it("counts deleted records in queryAll only, and COUNT() with GROUP BY counts groups", async () => {
    const all = await conn.query<Row>(
      "SELECT Invoice_Date__c, COUNT(Id) FROM Medusa_Invoice__c WHERE IsDeleted = true GROUP BY Invoice_Date__c",
      { scanAll: true }
    )
    expect(
      await rows(
        "SELECT COUNT(Id) FROM Medusa_Invoice__c WHERE IsDeleted = true"
      )
    ).toEqual([{ expr0: 0 }])
    expect(all.records.map(({ attributes: _, ...r }) => r)).toEqual([
      { Invoice_Date__c: "2024-01-02", expr0: 1 },
    ])
    const groups = await conn.query(
      "SELECT COUNT() FROM Medusa_Invoice__c GROUP BY Currency__c"
    )
    expect(groups).toEqual({ totalSize: 2, done: true, records: [] })
  })

  it("refuses what Salesforce refuses", async () => {
    const cases: [string, string, RegExp][] = [
      [
        "SELECT Name, COUNT(Id) FROM Medusa_Invoice__c GROUP BY Currency__c",
        "MALFORMED_QUERY",
        /Field must be grouped or aggregated: Name/,
      ],
      [
        "SELECT Total__c, COUNT(Id) FROM Medusa_Invoice__c GROUP BY Total__c",
        "INVALID_FIELD",
        /field 'Total__c' can not be grouped/,
      ],
      [
        "SELECT SUM(Name) FROM Medusa_Invoice__c",
        "INVALID_FIELD",
        /field Name does not support aggregate operator SUM/,
      ],
      [
        "SELECT Currency__c, COUNT(Id) FROM Medusa_Invoice__c GROUP BY Currency__c ORDER BY Name",
        "MALFORMED_QUERY",
        /Ordered field must be grouped or aggregated: Name/,
      ],
    ]
    for (const [soql, code, message] of cases) {
      const error = await rejection(conn.query(soql))
      expect([error.errorCode, error.message]).toEqual([
        code,
        expect.stringMatching(message),
      ])
    }
  })
})
