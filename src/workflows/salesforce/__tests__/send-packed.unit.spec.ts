import { threeLineInvoice, useEmulatorClient } from "./emulator-client"
import { sendBatch, SendContext } from "../utils/send-batch"

const invoice = threeLineInvoice

const COMPOSITE = "POST /composite"
const COLLECTIONS = "PATCH /composite/sobjects/{object}/{field}"

describe("sending a batch as composite requests, against the emulator", () => {
  const sf = useEmulatorClient()

  const context = (): SendContext => ({
    transport: {
      upsertRecords: (o, f, r) => sf.client.upsert(o, f, r),
      queryRecords: (soql) => sf.client.query(soql),
      destroyRecords: (o, ids) => sf.client.destroy(o, ids),
      recordUrl: (o, id) => sf.client.recordUrl(o, id),
      upsertComposite: (collections) => sf.client.upsertComposite(collections),
    },
    syncNotes: false,
    policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    previousLineIds: new Map(),
    concurrency: 4,
  })

  it("maps every record's answer back to its document, a refused record failing only its own document", async () => {
    // 300 invoices of 3 lines over 20 customers: 1,240 records, more than one composite.
    const invoices = Array.from({ length: 300 }, (_, i) => invoice(i, 20))
    sf.emu.injectRecordFault({
      object: "Medusa_Invoice__c",
      match: { Medusa_Id__c: "inv_250" },
      errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
      message: "Total must match the lines",
    })
    sf.emu.injectRecordFault({
      object: "Medusa_Invoice_Line__c",
      match: { Medusa_Id__c: "inv_7_l1" },
      errorCode: "STRING_TOO_LONG",
      message: "Product Title: data value too large",
      fields: ["Product_Title__c"],
    })
    // A busy row once: sent again, and its document goes through.
    sf.emu.injectRecordFault({
      object: "Medusa_Invoice__c",
      match: { Medusa_Id__c: "inv_120" },
      errorCode: "UNABLE_TO_LOCK_ROW",
    })

    const result = await sendBatch(context(), invoices)

    expect(result.halt).toBeNull()
    const byId = new Map(result.outcomes.map((o) => [o.invoice_id, o]))
    expect(byId.get("inv_250")).toMatchObject({
      status: "failed",
      error_code: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    })
    expect(byId.get("inv_250")!.error_message).toContain(
      "Total must match the lines"
    )
    expect(byId.get("inv_7")).toMatchObject({
      status: "failed",
      error_code: "STRING_TOO_LONG",
    })
    const synced = result.outcomes.filter((o) => o.status === "synced")
    expect(synced).toHaveLength(298)
    expect(byId.get("inv_120")!.status).toBe("synced")

    // Ids map back to the right records: each synced document's id is its own invoice in Salesforce, each of
    // its line ids its own line.
    const invoicesInSf = new Map(
      sf.emu.records("Medusa_Invoice__c").map((r) => [r.Id, r])
    )
    const linesInSf = new Map(
      sf.emu.records("Medusa_Invoice_Line__c").map((r) => [r.Id, r])
    )
    for (const outcome of synced) {
      expect(invoicesInSf.get(outcome.salesforce_id!)!.Medusa_Id__c).toBe(
        outcome.invoice_id
      )
      const lineIds = Object.entries(outcome.line_ids!)
      expect(lineIds).toHaveLength(3)
      for (const [medusaId, sfId] of lineIds) {
        expect(linesInSf.get(sfId)!.Medusa_Id__c).toBe(medusaId)
        expect(linesInSf.get(sfId)!.Invoice__c).toBe(outcome.salesforce_id)
      }
    }
    // The refused invoice's lines were not written under another invoice, nor on their own.
    expect(
      [...linesInSf.values()].filter((l) =>
        String(l.Medusa_Id__c).startsWith("inv_250_")
      )
    ).toEqual([])

    // One lookup query, composites for the records (no collection calls on their own): the busy row costs one
    // more composite.
    const { byEndpoint } = sf.emu.requestLog()
    expect(byEndpoint[COLLECTIONS]).toBeUndefined()
    expect(byEndpoint[COMPOSITE]).toBeLessThanOrEqual(3)

    // What the batch learned about its customers: the Contact and Account it created for each email.
    const links = new Map(
      (result.customer_links ?? []).map((l) => [l.email, l])
    )
    expect(links.size).toBe(20)
    const contacts = new Map(sf.emu.records("Contact").map((r) => [r.Id, r]))
    for (const [email, link] of links) {
      const contact = contacts.get(link.contact_id)!
      expect(String(contact.Email).toLowerCase()).toBe(email)
      expect(contact.AccountId).toBe(link.account_id)
    }
  })

  it("costs no query for known customers, and re-resolves one whose Contact was deleted in Salesforce", async () => {
    const first = await sendBatch(
      context(),
      Array.from({ length: 4 }, (_, i) => invoice(i, 2))
    )
    expect(first.outcomes.every((o) => o.status === "synced")).toBe(true)
    const known = new Map(
      first.customer_links!.map((l) => [
        l.email,
        { contactId: l.contact_id, accountId: l.account_id },
      ])
    )
    // Customer 1's Contact goes (deleted or merged away in Salesforce).
    const gone = known.get("c1@example.com")!.contactId
    await sf.client.destroy("Contact", [gone])
    sf.emu.resetRequestLog()

    const again = await sendBatch(
      { ...context(), knownContacts: known },
      Array.from({ length: 4 }, (_, i) => invoice(i + 10, 2))
    )

    expect(again.outcomes.map((o) => o.status)).toEqual([
      "synced",
      "synced",
      "synced",
      "synced",
    ])
    expect(sf.emu.requestLog().byEndpoint["GET /query"]).toBeUndefined()
    expect(again.stale_customer_emails).toEqual(["c1@example.com"])
    const relinked = again.customer_links!.find(
      (l) => l.email === "c1@example.com"
    )!
    expect(relinked.contact_id).not.toBe(gone)
    const invoice11 = sf.emu
      .records("Medusa_Invoice__c")
      .find((r) => r.Medusa_Id__c === "inv_11")!
    expect(invoice11.Contact__c).toBe(relinked.contact_id)
  })
})
