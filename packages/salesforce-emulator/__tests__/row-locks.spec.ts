import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  eventually,
  invoice,
  raw,
} from "./support"

// Requests overlap: a write holds its row locks for holdMs before it answers, so a second request that needs one
// of those rows meets the lock, as concurrent transactions do in a real org.

const LOCK_ERROR = {
  statusCode: "UNABLE_TO_LOCK_ROW",
  message: "unable to obtain exclusive access to this record or 1 records",
  fields: [],
}

describe("row locks between concurrent requests", () => {
  let sf: EmulatorHandle
  let conn: Connection
  const invoices = () => conn.sobject("Medusa_Invoice__c")
  const stored = (id: string) =>
    sf.records("Medusa_Invoice__c").find((r) => r.Id === id)

  beforeAll(async () => {
    // Long enough that the second request surely arrives inside the first one's transaction on a busy machine.
    sf = await emulator({ rowLocks: { holdMs: 1500 } })
    conn = await clientCredentialsConnection(sf)
  })
  beforeEach(() => sf.reset())
  afterAll(() => sf.stop())

  it("fails only the locked record of a collections update, inside a 200 answer", async () => {
    const [a, b, c] = [1, 2, 3].map((n) =>
      sf.insert("Medusa_Invoice__c", invoice(n))
    )
    const first = invoices().update([
      { Id: a, Total__c: 1 },
      { Id: b, Total__c: 1 },
    ])
    await eventually(() => (stored(b)?.Total__c === 1 ? true : undefined))

    sf.resetRequestLog()
    const second = await invoices().update([
      { Id: b, Total__c: 2 },
      { Id: c, Total__c: 2 },
    ])
    expect(second).toEqual([
      { id: b, success: false, errors: [LOCK_ERROR] },
      { id: c, success: true, errors: [] },
    ])
    expect(sf.requestLog().entries[0].status).toBe(200)
    expect(await first).toEqual([
      { id: a, success: true, errors: [] },
      { id: b, success: true, errors: [] },
    ])
    expect(stored(b)?.Total__c).toBe(1)
    expect(stored(c)?.Total__c).toBe(2)

    // Once the first transaction answered, its locks are gone.
    expect(await invoices().update([{ Id: b, Total__c: 3 }])).toEqual([
      { id: b, success: true, errors: [] },
    ])
  })

  it("answers a single-record update of a locked row with 400 UNABLE_TO_LOCK_ROW", async () => {
    const id = sf.insert("Medusa_Invoice__c", invoice(1))
    const first = invoices().update([{ Id: id, Total__c: 5 }])
    await eventually(() => (stored(id)?.Total__c === 5 ? true : undefined))
    const answer = await raw(
      sf,
      conn,
      "PATCH",
      `/services/data/v${API_VERSION}/sobjects/Medusa_Invoice__c/${id}`,
      JSON.stringify({ Total__c: 6 })
    )
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual([
      {
        errorCode: "UNABLE_TO_LOCK_ROW",
        message: LOCK_ERROR.message,
        fields: [],
      },
    ])
    await first
  })

  it("fails the second of two concurrent upserts of one new external ID with DUPLICATE_VALUE", async () => {
    const first = invoices().upsert([invoice(9)], "Medusa_Id__c")
    const winner = await eventually(() =>
      sf.records("Medusa_Invoice__c").find((r) => r.Medusa_Id__c === "inv_9")
    )
    const second = await invoices().upsert(
      [invoice(9, { Total__c: 1 }), invoice(10)],
      "Medusa_Id__c"
    )
    expect(second).toEqual([
      {
        success: false,
        created: false,
        errors: [
          {
            statusCode: "DUPLICATE_VALUE",
            message: `duplicate value found: Medusa_Id__c duplicates value on record with id: ${winner.Id}`,
            fields: [],
          },
        ],
      },
      expect.objectContaining({ success: true, created: true }),
    ])
    expect(await first).toEqual([
      { id: winner.Id, success: true, errors: [], created: true },
    ])
    expect(
      sf.records("Medusa_Invoice__c").filter((r) => r.Medusa_Id__c === "inv_9")
    ).toHaveLength(1)
    // The race lost, a retry finds the record and updates it.
    expect(
      await invoices().upsert([invoice(9, { Total__c: 1 })], "Medusa_Id__c")
    ).toEqual([{ id: winner.Id, success: true, errors: [], created: false }])
  })

  it("locks the master record while a detail of it is written", async () => {
    const parent = sf.insert("Medusa_Invoice__c", invoice(1))
    const line = (n: number) => ({
      Medusa_Id__c: `line_${n}`,
      Invoice__c: parent,
      Quantity__c: 1,
    })
    const lines = conn.sobject("Medusa_Invoice_Line__c")
    const first = lines.upsert([line(1)], "Medusa_Id__c")
    await eventually(() =>
      sf.records("Medusa_Invoice_Line__c").length ? true : undefined
    )
    const second = await lines.upsert([line(2)], "Medusa_Id__c")
    expect(second).toEqual([
      { success: false, created: false, errors: [LOCK_ERROR] },
    ])
    expect(await first).toEqual([
      expect.objectContaining({ success: true, created: true }),
    ])
  })

  it("is off with holdMs 0: the same overlap never meets a lock", async () => {
    sf.setRowLocks({ holdMs: 0 })
    try {
      const id = sf.insert("Medusa_Invoice__c", invoice(1))
      const results = await Promise.all(
        [1, 2, 3].map((n) => invoices().update([{ Id: id, Total__c: n }]))
      )
      expect(results.flat().every((r) => r.success)).toBe(true)
    } finally {
      sf.setRowLocks({ holdMs: 1500 })
    }
  })

  it("sets the hold over HTTP", async () => {
    const answer = await fetch(`${sf.url}/__emulator/row-locks`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ holdMs: -1 }),
    })
    expect(answer.status).toBe(400)
    const ok = await fetch(`${sf.url}/__emulator/row-locks`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ holdMs: 1500 }),
    })
    expect(await ok.json()).toEqual({ holdMs: 1500 })
  })
})
