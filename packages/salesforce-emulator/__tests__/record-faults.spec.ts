import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import { clientCredentialsConnection, emulator, invoice } from "./support"

// Per-record fault injection: the Nth record matching a rule fails inside an otherwise good answer.

describe("record faults", () => {
  let sf: EmulatorHandle
  let conn: Connection
  const upsert = (records: Record<string, unknown>[], allOrNone = false) =>
    conn
      .sobject("Medusa_Invoice__c")
      .upsert(records, "Medusa_Id__c", { allOrNone })
  const withKey = (key: string) =>
    sf.records("Medusa_Invoice__c").filter((r) => r.Medusa_Id__c === key)

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
  })
  beforeEach(() => sf.reset())
  afterAll(() => sf.stop())

  it("fails the Nth matching record with the given code and message; its batch-mates are written", async () => {
    sf.injectRecordFault({
      object: "medusa_invoice__c",
      match: { Medusa_Id__c: /^inv_\d+$/ },
      nth: 2,
      errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
      message: "Total must be positive",
      fields: ["Total__c"],
    })
    const results = await upsert([invoice(1), invoice(2), invoice(3)])
    expect(results).toEqual([
      expect.objectContaining({ success: true, created: true }),
      {
        success: false,
        created: false,
        errors: [
          {
            statusCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
            message: "Total must be positive",
            fields: ["Total__c"],
          },
        ],
      },
      expect.objectContaining({ success: true, created: true }),
    ])
    expect(
      sf
        .records("Medusa_Invoice__c")
        .map((r) => r.Medusa_Id__c)
        .sort()
    ).toEqual(["inv_1", "inv_3"])
    expect(sf.recordFaults()).toEqual([
      expect.objectContaining({ seen: 3, failed: 1 }),
    ])
    // count 1: the retry of the same batch goes through.
    expect((await upsert([invoice(2)]))[0].success).toBe(true)
    expect(sf.faultStats().byClass["record-rule"]).toBe(1)
  })

  it("defaults to UNABLE_TO_LOCK_ROW, matches exact values ignoring case, and reaches updates by Id", async () => {
    const id = sf.insert("Medusa_Invoice__c", invoice(1))
    sf.injectRecordFault({ operation: "update", match: { Id: id } })
    sf.injectRecordFault({ match: { Medusa_Id__c: "INV_2" }, count: 2 })
    const updated = await conn
      .sobject("Medusa_Invoice__c")
      .update([{ Id: id, Total__c: 9 }])
    expect(updated).toEqual([
      {
        id,
        success: false,
        errors: [
          {
            statusCode: "UNABLE_TO_LOCK_ROW",
            message:
              "unable to obtain exclusive access to this record or 1 records",
            fields: [],
          },
        ],
      },
    ])
    expect((await upsert([invoice(2)]))[0].success).toBe(false)
    expect((await upsert([invoice(2)]))[0].success).toBe(false)
    expect((await upsert([invoice(2)]))[0].success).toBe(true)
  })

  it("concurrentWrite: the record is written by the racing request and this one gets DUPLICATE_VALUE", async () => {
    sf.injectRecordFault({
      match: { Medusa_Id__c: "inv_2" },
      concurrentWrite: true,
    })
    const results = await upsert([invoice(1), invoice(2)])
    const [winner] = withKey("inv_2")
    expect(winner).toBeDefined()
    expect(results[1]).toEqual({
      success: false,
      created: false,
      errors: [
        {
          statusCode: "DUPLICATE_VALUE",
          message: `duplicate value found: Medusa_Id__c duplicates value on record with id: ${winner.Id}`,
          fields: [],
        },
      ],
    })
    // The retry finds the winner's record: an update, never a second record.
    expect(await upsert([invoice(2)])).toEqual([
      { id: winner.Id, success: true, errors: [], created: false },
    ])
    expect(withKey("inv_2")).toHaveLength(1)
  })

  it("concurrentWrite under allOrNone: the racing request's record survives this request's rollback", async () => {
    sf.injectRecordFault({
      match: { Medusa_Id__c: "inv_2" },
      concurrentWrite: true,
    })
    const results = await upsert([invoice(1), invoice(2)], true)
    expect(results.map((r) => r.success)).toEqual([false, false])
    expect(withKey("inv_1")).toHaveLength(0)
    expect(withKey("inv_2")).toHaveLength(1)
  })

  it("fails Bulk API 2.0 rows", async () => {
    sf.injectRecordFault({ match: { Medusa_Id__c: "inv_5" } })
    const results = await conn.bulk2.loadAndWaitForResults({
      object: "Medusa_Invoice__c",
      operation: "upsert",
      externalIdFieldName: "Medusa_Id__c",
      input: [4, 5, 6].map((n) => invoice(n)),
      pollInterval: 50,
      pollTimeout: 10000,
    })
    expect(results.successfulResults).toHaveLength(2)
    expect(results.failedResults).toEqual([
      expect.objectContaining({
        Medusa_Id__c: "inv_5",
        sf__Error:
          "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records: --",
      }),
    ])
  })

  it("is controlled over HTTP, regex values as /.../ strings", async () => {
    const http = (method: string, body?: unknown) =>
      fetch(`${sf.url}/__emulator/record-faults`, {
        method,
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      })
    expect((await http("POST", { match: "inv_1" })).status).toBe(400)
    const created = await http("POST", {
      object: "Medusa_Invoice__c",
      match: { Medusa_Id__c: "/^inv_[12]$/" },
      count: 5,
    })
    expect(created.status).toBe(201)
    const results = await upsert([invoice(1), invoice(2), invoice(3)])
    expect(results.map((r) => r.success)).toEqual([false, false, true])
    expect(await (await http("GET")).json()).toEqual([
      expect.objectContaining({
        match: { Medusa_Id__c: "/^inv_[12]$/" },
        seen: 2,
        failed: 2,
      }),
    ])
    expect((await http("DELETE")).status).toBe(204)
    expect(sf.recordFaults()).toEqual([])
  })
})
