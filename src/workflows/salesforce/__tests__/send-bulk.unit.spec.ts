import { threeLineInvoice, useEmulatorClient } from "./emulator-client"
import type { BulkJobRow } from "../../../modules/salesforce/bulk-sql"
import { sendBatch, SendContext } from "../utils/send-batch"
import type { BulkTransport } from "../utils/send-bulk"

const invoice = (i: number, customers: number) =>
  threeLineInvoice(i, customers, (k) => `Product ${k}, "boxed"`)

const CREATE_JOB = "POST /jobs/ingest"

/** The batch's job store, as the database keeps it for the drain that takes over. */
function memoryStore() {
  const rows = new Map<string, BulkJobRow>()
  return {
    rows,
    jobs: async () => [...rows.values()],
    save: async (job: BulkJobRow) => {
      rows.set(job.step, job)
      return true
    },
  }
}

describe("sending a batch as Bulk API 2.0 jobs, against the emulator", () => {
  const sf = useEmulatorClient()

  const policy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 }
  const bulkTransport = (): BulkTransport => ({
    createUpsertJob: (o, f) => sf.client.createUpsertJob(o, f),
    uploadJobData: (id, csv) => sf.client.uploadJobData(id, csv),
    closeJob: (id) => sf.client.closeJob(id),
    abortJob: (id) => sf.client.abortJob(id),
    jobInfo: (id) => sf.client.jobInfo(id),
    jobResults: (id, kind) => sf.client.jobResults(id, kind),
  })
  const context = (
    store: ReturnType<typeof memoryStore>,
    transport: BulkTransport = bulkTransport()
  ): SendContext => ({
    transport: {
      upsertRecords: (o, f, r) => sf.client.upsert(o, f, r),
      queryRecords: (soql) => sf.client.query(soql),
      destroyRecords: (o, ids) => sf.client.destroy(o, ids),
      recordUrl: (o, id) => sf.client.recordUrl(o, id),
      upsertComposite: (collections) => sf.client.upsertComposite(collections),
    },
    syncNotes: false,
    policy,
    previousLineIds: new Map(),
    concurrency: 4,
    bulk: {
      transport,
      store,
      policy,
      threshold: 5,
      polling: { firstMs: 5, maxMs: 20, giveUpMs: 60_000 },
    },
  })

  it("sends one job per object in dependency order, maps results to each document, a refused record failing only its own", async () => {
    // 30 invoices of 3 lines over 8 customers: every step has more records than the threshold of 5.
    const invoices = Array.from({ length: 30 }, (_, i) => invoice(i, 8))
    sf.emu.injectRecordFault({
      object: "Medusa_Invoice__c",
      match: { Medusa_Id__c: "inv_17" },
      errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
      message: "Total must match the lines",
    })
    sf.emu.injectRecordFault({
      object: "Medusa_Invoice_Line__c",
      match: { Medusa_Id__c: "inv_3_l1" },
      errorCode: "STRING_TOO_LONG",
      message: "Product Title: data value too large",
      fields: ["Product_Title__c"],
    })
    // A busy row once: sent again (as a composite), and its document goes through.
    sf.emu.injectRecordFault({
      object: "Medusa_Invoice__c",
      match: { Medusa_Id__c: "inv_9" },
      errorCode: "UNABLE_TO_LOCK_ROW",
    })
    const store = memoryStore()

    const result = await sendBatch(context(store), invoices)

    expect(result.halt).toBeNull()
    expect(
      sf.emu.bulkJobs().map((j) => [j.object, j.externalIdFieldName, j.state])
    ).toEqual([
      ["Account", "Medusa_Customer_Id__c", "JobComplete"],
      ["Contact", "Medusa_Customer_Id__c", "JobComplete"],
      ["Medusa_Invoice__c", "Medusa_Id__c", "JobComplete"],
      ["Medusa_Invoice_Line__c", "Medusa_Id__c", "JobComplete"],
    ])
    expect([...store.rows.keys()]).toEqual([
      "account",
      "contact",
      "invoice",
      "line",
    ])
    const byId = new Map(result.outcomes.map((o) => [o.invoice_id, o]))
    expect(byId.get("inv_17")).toMatchObject({
      status: "failed",
      error_code: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    })
    expect(byId.get("inv_17")!.error_message).toContain(
      "Total must match the lines"
    )
    expect(byId.get("inv_3")).toMatchObject({
      status: "failed",
      error_code: "STRING_TOO_LONG",
    })
    expect(byId.get("inv_9")!.status).toBe("synced")
    const synced = result.outcomes.filter((o) => o.status === "synced")
    expect(synced).toHaveLength(28)

    const invoicesInSf = new Map(
      sf.emu.records("Medusa_Invoice__c").map((r) => [r.Id, r])
    )
    const linesInSf = new Map(
      sf.emu.records("Medusa_Invoice_Line__c").map((r) => [r.Id, r])
    )
    const contacts = new Map(sf.emu.records("Contact").map((r) => [r.Id, r]))
    for (const outcome of synced) {
      const record = invoicesInSf.get(outcome.salesforce_id!)!
      expect(record.Medusa_Id__c).toBe(outcome.invoice_id)
      // The parents by external-ID columns: our Contact and its Account.
      const contact = contacts.get(String(record.Contact__c))!
      expect(contact.Medusa_Customer_Id__c).toBe(
        `cus_${Number(outcome.invoice_id.slice(4)) % 8}`
      )
      expect(record.Account__c).toBe(contact.AccountId)
      for (const [medusaId, sfId] of Object.entries(outcome.line_ids!)) {
        expect(linesInSf.get(sfId)!.Medusa_Id__c).toBe(medusaId)
        expect(linesInSf.get(sfId)!.Invoice__c).toBe(outcome.salesforce_id)
        expect(linesInSf.get(sfId)!.Product_Title__c).toMatch(/, "boxed"$/)
      }
    }
    // The refused invoice's lines were not sent.
    expect(
      [...linesInSf.values()].filter((l) =>
        String(l.Medusa_Id__c).startsWith("inv_17_")
      )
    ).toEqual([])
    // The line step's failures were read; the jobs without failures cost no failedResults call.
    const { byEndpoint } = sf.emu.requestLog()
    expect(byEndpoint[CREATE_JOB]).toBe(4)
    expect(byEndpoint["GET /jobs/ingest/{jobId}/failedResults"]).toBe(2)
  })

  it("sends small steps as composite requests within a bulk batch", async () => {
    // 2 customers: their Accounts and Contacts (2 each) go in one composite; invoices and lines as jobs.
    sf.emu.resetRequestLog()
    const result = await sendBatch(
      context(memoryStore()),
      Array.from({ length: 6 }, (_, i) => invoice(i, 2))
    )
    expect(result.outcomes.every((o) => o.status === "synced")).toBe(true)
    expect(sf.emu.bulkJobs().map((j) => j.object)).toEqual([
      "Medusa_Invoice__c",
      "Medusa_Invoice_Line__c",
    ])
    expect(sf.emu.records("Contact")).toHaveLength(2)
    expect(sf.emu.requestLog().byEndpoint["POST /composite"]).toBe(1)
  })

  it("picks up the jobs a drain that died had stored instead of creating them again", async () => {
    const invoices = Array.from({ length: 6 }, (_, i) => invoice(i, 2))
    const store = memoryStore()
    // The first drain dies right after closing the invoices' job, before it looked at it.
    const dying: BulkTransport = {
      ...bulkTransport(),
      jobInfo: async () => {
        throw new Error("the process died here")
      },
    }
    await sendBatch(context(store, dying), invoices)
    expect(store.rows.get("invoice")?.state).toBe("UploadComplete")
    expect(store.rows.has("line")).toBe(false)
    const invoiceJob = store.rows.get("invoice")!.job_id
    sf.emu.resetRequestLog()

    const result = await sendBatch(context(store), invoices)

    expect(result.outcomes.map((o) => o.status)).toEqual(
      invoices.map(() => "synced")
    )
    // One new job, for the lines; the invoices' job was polled, not made again.
    expect(sf.emu.requestLog().byEndpoint[CREATE_JOB]).toBe(1)
    expect(sf.emu.bulkJobs().map((j) => [j.object, j.state])).toEqual([
      ["Medusa_Invoice__c", "JobComplete"],
      ["Medusa_Invoice_Line__c", "JobComplete"],
    ])
    expect(store.rows.get("invoice")!.job_id).toBe(invoiceJob)
    expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(6)
    expect(sf.emu.records("Medusa_Invoice_Line__c")).toHaveLength(18)
  })

  it("aborts a stored job that was never closed and sends its step in a new one", async () => {
    const invoices = Array.from({ length: 6 }, (_, i) => invoice(i, 2))
    const store = memoryStore()
    const open = await sf.client.createUpsertJob(
      "Medusa_Invoice__c",
      "Medusa_Id__c"
    )
    await store.save({
      step: "invoice",
      object: "Medusa_Invoice__c",
      job_id: open.id,
      state: "Open",
    })

    const result = await sendBatch(context(store), invoices)

    expect(result.outcomes.every((o) => o.status === "synced")).toBe(true)
    expect(sf.emu.bulkJobs().map((j) => [j.object, j.state])).toEqual([
      ["Medusa_Invoice__c", "Aborted"],
      ["Medusa_Invoice__c", "JobComplete"],
      ["Medusa_Invoice_Line__c", "JobComplete"],
    ])
    expect(store.rows.get("invoice")!.job_id).not.toBe(open.id)
  })
})
