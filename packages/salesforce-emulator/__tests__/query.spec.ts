import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  invoice,
  raw,
  rejection,
} from "./support"

describe("SOQL query and queryAll driven by jsforce", () => {
  let sf: EmulatorHandle
  let conn: Connection
  let accountId: string

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
    accountId = sf.insert("Account", {
      Name: "Acme",
      Medusa_Customer_Id__c: "cus_1",
    })
    const contactId = sf.insert("Contact", {
      LastName: "Doe",
      Email: "doe@example.com",
      AccountId: accountId,
    })
    for (let i = 0; i < 2500; i++) {
      sf.insert(
        "Medusa_Invoice__c",
        invoice(i, {
          Account__c: i % 2 === 0 ? accountId : null,
          Contact__c: i === 0 ? contactId : null,
          Invoice_Date__c: `2024-01-${String((i % 28) + 1).padStart(2, "0")}`,
          Status__c: i % 3 === 0 ? "paid" : "open",
        })
      )
    }
    const first = sf.records("Medusa_Invoice__c")[0]
    sf.insert("Medusa_Invoice_Line__c", {
      Invoice__c: first.Id,
      Medusa_Id__c: "line_1",
      SKU__c: "A",
    })
    sf.insert("Medusa_Invoice_Line__c", {
      Invoice__c: first.Id,
      Medusa_Id__c: "line_2",
      SKU__c: "B",
    })
  })
  afterAll(() => sf.stop())

  it("pages past 2,000 rows with nextRecordsUrl, by queryMore and by autoFetch", async () => {
    const first = await conn.query<{ Medusa_Id__c: string }>(
      "SELECT Id, Medusa_Id__c FROM Medusa_Invoice__c"
    )
    expect(first.totalSize).toBe(2500)
    expect(first.done).toBe(false)
    expect(first.records).toHaveLength(2000)
    // On the wire nextRecordsUrl is a path, as in "Execute a SOQL Query" of the REST API Developer Guide (jsforce
    // hands it back as an absolute URL).
    const wire = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent("SELECT Id FROM Medusa_Invoice__c")}`
    )
    expect(wire.json).toMatchObject({ totalSize: 2500, done: false })
    expect((wire.json as { nextRecordsUrl: string }).nextRecordsUrl).toMatch(
      new RegExp(`^/services/data/v${API_VERSION}/query/01g[A-Za-z0-9]+-2000$`)
    )
    const rest = await conn.queryMore(first.nextRecordsUrl as string)
    expect(rest.done).toBe(true)
    expect(rest.records).toHaveLength(500)
    expect(
      new Set([...first.records, ...rest.records].map((r) => r.Medusa_Id__c))
        .size
    ).toBe(2500)

    const all = await conn.query("SELECT Id FROM Medusa_Invoice__c", {
      autoFetch: true,
      maxFetch: 10000,
    })
    expect(all.records).toHaveLength(2500)
    expect(all.records[0].attributes).toEqual({
      type: "Medusa_Invoice__c",
      url: expect.stringMatching(
        /^\/services\/data\/v62\.0\/sobjects\/Medusa_Invoice__c\/a0/
      ),
    })
  })

  it("selects parent fields and child subqueries", async () => {
    const result = await conn.query<Record<string, any>>(
      "SELECT Name, Account__r.Name, Contact__r.Account.Name, (SELECT SKU__c FROM Lines__r ORDER BY SKU__c DESC) FROM Medusa_Invoice__c WHERE Medusa_Id__c IN ('inv_0', 'inv_1') ORDER BY Name"
    )
    expect(result.records[0]).toEqual({
      attributes: expect.objectContaining({ type: "Medusa_Invoice__c" }),
      Name: "INV-00000",
      Account__r: {
        attributes: expect.objectContaining({ type: "Account" }),
        Name: "Acme",
      },
      Contact__r: {
        attributes: expect.objectContaining({ type: "Contact" }),
        Account: {
          attributes: expect.objectContaining({ type: "Account" }),
          Name: "Acme",
        },
      },
      Lines__r: {
        totalSize: 2,
        done: true,
        records: [
          expect.objectContaining({ SKU__c: "B" }),
          expect.objectContaining({ SKU__c: "A" }),
        ],
      },
    })
    expect(result.records[1]).toMatchObject({
      Name: "INV-00001",
      Account__r: null,
      Contact__r: null,
      Lines__r: null,
    })

    const lines = await conn.query<Record<string, any>>(
      "SELECT SKU__c, Invoice__r.Medusa_Id__c FROM Medusa_Invoice_Line__c WHERE Invoice__r.Account__r.Medusa_Customer_Id__c = 'cus_1' ORDER BY SKU__c"
    )
    expect(
      lines.records.map((r) => [r.SKU__c, r.Invoice__r.Medusa_Id__c])
    ).toEqual([
      ["A", "inv_0"],
      ["B", "inv_0"],
    ])
  })

  it("answers COUNT() with totalSize and no records", async () => {
    const count = await conn.query(
      "SELECT COUNT() FROM Medusa_Invoice__c WHERE Status__c = 'paid'"
    )
    expect(count).toEqual({ totalSize: 834, done: true, records: [] })
    const aggregate = await conn.query<Record<string, unknown>>(
      "SELECT COUNT(Id) total FROM Account"
    )
    expect(aggregate.records).toEqual([
      { attributes: { type: "AggregateResult" }, total: 1 },
    ])
  })

  it("evaluates WHERE operators, NOT and parentheses, ORDER BY, LIMIT and OFFSET", async () => {
    const ids = async (where: string, tail = "ORDER BY Medusa_Id__c LIMIT 5") =>
      (
        await conn.query<{ Medusa_Id__c: string }>(
          `SELECT Medusa_Id__c FROM Medusa_Invoice__c WHERE ${where} ${tail}`
        )
      ).records.map((r) => r.Medusa_Id__c)

    expect(await ids("Medusa_Id__c = 'INV_7'")).toEqual(["inv_7"])
    expect(await ids("Total__c > 2597")).toEqual(["inv_2498", "inv_2499"])
    expect(await ids("Total__c >= 2598 AND Total__c <= 2598.5")).toEqual([
      "inv_2498",
    ])
    expect(await ids("Total__c < 101")).toEqual(["inv_0"])
    expect(
      await ids(
        "Medusa_Id__c LIKE 'inv\\_24%' AND Status__c != 'paid'",
        "ORDER BY Medusa_Id__c DESC LIMIT 3"
      )
    ).toEqual(["inv_2498", "inv_2497", "inv_2495"])
    expect(
      await ids("Medusa_Id__c NOT IN ('inv_0', 'inv_1') AND Total__c < 104")
    ).toEqual(["inv_2", "inv_3"])
    expect(
      await ids(
        "(Medusa_Id__c = 'inv_1' OR Medusa_Id__c = 'inv_2') AND NOT Status__c = 'paid'"
      )
    ).toEqual(["inv_1", "inv_2"])
    expect(
      await ids(
        "NOT (Medusa_Id__c = 'inv_1' OR Account__c = null) AND Total__c < 105"
      )
    ).toEqual(["inv_0", "inv_2", "inv_4"])
    expect(
      await ids("Invoice_Date__c = 2024-01-03 AND Total__c < 200")
    ).toEqual(["inv_2", "inv_30", "inv_58", "inv_86"])
    expect(
      await ids(
        `Account__c = '${accountId.slice(0, 15)}'`,
        "ORDER BY Total__c LIMIT 2 OFFSET 1"
      )
    ).toEqual(["inv_2", "inv_4"])
    expect(
      await ids("Account__r.Name LIKE 'ac%'", "ORDER BY Total__c DESC LIMIT 1")
    ).toEqual(["inv_2498"])
    expect(
      await ids(
        "Account__c IN (SELECT Id FROM Account WHERE Name = 'Acme') AND Total__c < 103"
      )
    ).toEqual(["inv_0", "inv_2"])
  })

  it("answers queryAll with deleted records and rejects bad SOQL with Salesforce's codes", async () => {
    const id = sf.insert("Account", { Name: "Soon deleted" })
    await conn.sobject("Account").destroy(id)
    expect(
      (await conn.query("SELECT Id FROM Account WHERE Name = 'Soon deleted'"))
        .totalSize
    ).toBe(0)
    const all = await conn.query<{ IsDeleted: boolean }>(
      "SELECT Id, IsDeleted FROM Account WHERE Name = 'Soon deleted'",
      { scanAll: true }
    )
    expect(all.records.map((r) => r.IsDeleted)).toEqual([true])

    expect(
      (await rejection(conn.query("SELEC Id FROM Account"))).errorCode
    ).toBe("MALFORMED_QUERY")
    expect(
      (await rejection(conn.query("SELECT Id FROM Nope__c"))).errorCode
    ).toBe("INVALID_TYPE")
    const field = await rejection(conn.query("SELECT Nope__c FROM Account"))
    expect(field.errorCode).toBe("INVALID_FIELD")
    expect(field.message).toMatch(
      /^No such column 'Nope__c' on entity 'Account'/
    )
    expect(
      (await rejection(conn.query("SELECT Nope__r.Name FROM Account")))
        .errorCode
    ).toBe("INVALID_FIELD")
    const locator = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/query/01gXXXXXXXXXXXX-2000`
    )
    expect(locator.json).toEqual([
      { errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator" },
    ])
  })
})
