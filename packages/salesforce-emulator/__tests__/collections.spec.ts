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

type UpsertResult = {
  id?: string
  success: boolean
  created?: boolean
  errors: { statusCode: string; message: string; fields: string[] }[]
}

describe("sObject Collections driven by jsforce", () => {
  let sf: EmulatorHandle
  let conn: Connection

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
  })
  beforeEach(() => sf.resetRequestLog())
  afterAll(() => sf.stop())

  it("upserts 450 records in 200-record calls with allowRecursive, then updates them", async () => {
    const records = Array.from({ length: 450 }, (_, i) => invoice(1000 + i))
    const results = (await conn
      .sobject("Medusa_Invoice__c")
      .upsert(records, "Medusa_Id__c", {
        allowRecursive: true,
      })) as UpsertResult[]
    expect(results).toHaveLength(450)
    expect(
      results.every(
        (r) => r.success && r.created === true && r.errors.length === 0
      )
    ).toBe(true)
    expect(
      sf.requestLog().byEndpoint["PATCH /composite/sobjects/{object}/{field}"]
    ).toBe(3)

    const again = (await conn.sobject("Medusa_Invoice__c").upsert(
      records.map((r) => ({ ...r, Status__c: "paid" })),
      "Medusa_Id__c",
      { allowRecursive: true }
    )) as UpsertResult[]
    expect(again.every((r) => r.success && r.created === false)).toBe(true)
    expect(again.map((r) => r.id)).toEqual(results.map((r) => r.id))
    expect(
      sf.records("Medusa_Invoice__c").filter((r) => r.Status__c === "paid")
    ).toHaveLength(450)
  })

  it("upserts lines with their invoice referenced by external ID (Invoice__r)", async () => {
    const [inv] = (await conn
      .sobject("Medusa_Invoice__c")
      .upsert([invoice(1)], "Medusa_Id__c")) as UpsertResult[]
    const lines = [1, 2].map((n) => ({
      Medusa_Id__c: `line_${n}`,
      Invoice__r: { Medusa_Id__c: "inv_1" },
      SKU__c: `SKU-${n}`,
      Quantity__c: n,
      Unit_Price__c: 9.99,
      Total__c: 9.99 * n,
    }))
    const results = (await conn.sobject("Medusa_Invoice_Line__c").upsert(
      [
        ...lines,
        {
          Medusa_Id__c: "line_x",
          Invoice__r: { Medusa_Id__c: "inv_missing" },
        },
      ],
      "Medusa_Id__c",
      { allOrNone: false }
    )) as UpsertResult[]
    expect(results[0]).toEqual({
      id: expect.any(String),
      success: true,
      errors: [],
      created: true,
    })
    expect(results[2]).toEqual({
      success: false,
      created: false,
      errors: [
        {
          statusCode: "INVALID_FIELD",
          message:
            "Foreign key external ID: inv_missing not found for field Medusa_Id__c in entity Medusa_Invoice__c",
          fields: ["Invoice__c"],
        },
      ],
    })
    const stored = sf.records("Medusa_Invoice_Line__c")
    expect(stored.map((r) => r.Invoice__c)).toEqual([inv.id, inv.id])
    expect(stored.map((r) => r.Name)).toEqual(["IL-0000001", "IL-0000002"])

    // Deleting the invoice deletes its lines (master-detail).
    await conn.sobject("Medusa_Invoice__c").destroy(inv.id as string)
    expect(sf.records("Medusa_Invoice_Line__c")).toHaveLength(0)
  })

  it("reports partial failures per record with allOrNone false", async () => {
    const results = (await conn
      .sobject("Medusa_Invoice__c")
      .upsert(
        [
          invoice(2),
          { Medusa_Id__c: "inv_3", Name: "No email" },
          invoice(4),
          { ...invoice(5), Medusa_Id__c: "inv_2" },
        ],
        "Medusa_Id__c",
        { allOrNone: false }
      )) as UpsertResult[]
    // Shape of the per-record results of "Upsert Multiple Records" in the REST API Developer Guide.
    expect(results[1]).toEqual({
      success: false,
      created: false,
      errors: [
        {
          statusCode: "REQUIRED_FIELD_MISSING",
          message: "Required fields are missing: [Customer_Email__c]",
          fields: ["Customer_Email__c"],
        },
      ],
    })
    expect(results[2]).toMatchObject({ success: true, created: true })
    // The same key twice in one call fails both records.
    expect(results[0].errors[0].statusCode).toBe("DUPLICATE_EXTERNAL_ID")
    expect(results[3].errors[0].statusCode).toBe("DUPLICATE_EXTERNAL_ID")
    const stored = sf.records("Medusa_Invoice__c").map((r) => r.Medusa_Id__c)
    expect(
      ["inv_2", "inv_3", "inv_4", "inv_5"].filter((id) => stored.includes(id))
    ).toEqual(["inv_4"])
  })

  it("rolls everything back with allOrNone true", async () => {
    const before = sf.records("Medusa_Invoice__c").length
    const results = (await conn
      .sobject("Medusa_Invoice__c")
      .upsert(
        [invoice(6), invoice(7), { Medusa_Id__c: "inv_8", Name: "No email" }],
        "Medusa_Id__c",
        { allOrNone: true }
      )) as UpsertResult[]
    expect(results.map((r) => r.success)).toEqual([false, false, false])
    // Message as in the sObject Collections examples of the REST API Developer Guide.
    expect(results[0].errors).toEqual([
      {
        statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        message:
          "Record rolled back because not all records were valid and the request was using AllOrNone header",
        fields: [],
      },
    ])
    expect(results[2].errors[0].statusCode).toBe("REQUIRED_FIELD_MISSING")
    expect(sf.records("Medusa_Invoice__c")).toHaveLength(before)

    const created = (await conn
      .sobject("Account")
      .create([{ Name: "A" }, { Name: "B" }], {
        allOrNone: true,
      })) as UpsertResult[]
    expect(created.every((r) => r.success)).toBe(true)
    const updates = (await conn.sobject("Account").update(
      [
        { Id: created[0].id as string, Name: "A2" },
        { Id: created[1].id as string, Name: "" },
      ],
      { allOrNone: true }
    )) as UpsertResult[]
    expect(updates[0]).toEqual({
      id: created[0].id,
      success: false,
      errors: [
        expect.objectContaining({
          statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        }),
      ],
    })
    expect(updates[1]).toMatchObject({
      id: created[1].id,
      success: false,
      errors: [{ statusCode: "REQUIRED_FIELD_MISSING" }],
    })
    expect(sf.records("Account").map((r) => r.Name)).toEqual(["A", "B"])
  })

  it("creates, updates and deletes collections and refuses more than 200 records", async () => {
    const created = (await conn
      .sobject("Account")
      .create(
        Array.from({ length: 3 }, (_, i) => ({ Name: `Bulk ${i}` }))
      )) as UpsertResult[]
    const ids = created.map((r) => r.id as string)
    expect(created.every((r) => r.success && r.id?.startsWith("001"))).toBe(
      true
    )
    const deleted = (await conn
      .sobject("Account")
      .destroy([...ids, ids[0]])) as UpsertResult[]
    expect(deleted.slice(0, 3)).toEqual(
      ids.map((id) => ({ id, success: true, errors: [] }))
    )
    expect(deleted[3]).toMatchObject({
      id: ids[0],
      success: false,
      errors: [{ statusCode: "ENTITY_IS_DELETED" }],
    })

    const tooMany = Array.from({ length: 201 }, (_, i) => invoice(5000 + i))
    const error = await rejection(
      conn.sobject("Medusa_Invoice__c").upsert(tooMany, "Medusa_Id__c")
    )
    expect(error.errorCode).toBe("EXCEEDED_ID_LIMIT")

    const response = await raw(
      sf,
      conn,
      "PATCH",
      `/services/data/v${API_VERSION}/composite/sobjects/Medusa_Invoice__c/Medusa_Id__c/`,
      JSON.stringify({
        allOrNone: false,
        records: [{ attributes: { type: "Medusa_Invoice__c" }, ...invoice(9) }],
      })
    )
    expect(response.status).toBe(200)
    expect(response.json).toEqual([
      { id: expect.any(String), success: true, errors: [], created: true },
    ])
  })
})
