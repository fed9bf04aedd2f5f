import { storeTestRunner } from "../helpers/runner"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import { MAX_FAILURES } from "../../src/modules/salesforce/outbox-sql"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { drainOutbox } from "../../src/workflows/salesforce/utils/drain-outbox"
import { benchInvoices } from "../../scripts/bench/fixtures"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(300_000)

// A thousand documents of one run go as composite batches (not Bulk API 2.0 jobs), 200 a batch.
process.env.SALESFORCE_BULK_THRESHOLD = "100000"

const sf = useSalesforceEmulator()

// Customer text shaped like secrets: a bearer header, a form parameter with a quote, the start of a PEM block.
const HOSTILE = `Customer said: Bearer x" and password=x"y -----BEGIN A----- end`

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    let service: SalesforceModuleService
    const { asAdmin, newInvoice, bulkSync, sync } = useSyncTest(
      { api, getContainer },
      sf,
      { enabled: true, automatic_sync: false, sync_notes: true }
    )
    beforeEach(() => {
      service = getContainer().resolve(SALESFORCE_MODULE)
    })

    it("syncs a document whose notes look like secrets, and its batch-mates, with a valid detail", async () => {
      const hostile = (await newInvoice()).invoice
      const mate = (await newInvoice()).invoice
      await api.post(
        `/admin/invoices/${hostile.id}/comments`,
        { text: HOSTILE },
        asAdmin
      )
      const { results } = await bulkSync([hostile.id, mate.id])
      expect(results.map((r: { status: string }) => r.status)).toEqual([
        "synced",
        "synced",
      ])
      // Salesforce got the customer's text as written.
      const sent = sf.emu
        .records("Medusa_Invoice__c")
        .find((r) => r.Medusa_Id__c === hostile.id)
      expect(String(sent?.Notes__c)).toContain(HOSTILE)

      const attempts = await service.listSyncAttempts(
        { invoice_id: [hostile.id, mate.id] },
        { select: ["invoice_id", "status", "detail"] }
      )
      expect(attempts.map((a) => a.status)).toEqual(["synced", "synced"])
      const detail = attempts.find((a) => a.invoice_id === hostile.id)!
        .detail as { records: { fields: Record<string, unknown> }[] }
      const invoiceRecord = detail.records.find((r) => "Notes__c" in r.fields)
      // The stored value is the customer's text with the secret-shaped parts masked, still one string.
      expect(typeof invoiceRecord?.fields.Notes__c).toBe("string")
      expect(invoiceRecord?.fields.Notes__c).toContain("Customer said:")
      expect(invoiceRecord?.fields.Notes__c).not.toContain('password=x"y')
      const rows = await service.listSyncOutboxEntries({
        invoice_id: [hostile.id, mate.id],
      })
      expect(rows.map((r) => r.status)).toEqual(["done", "done"])
    })

    it("sets aside a document whose results the database refuses, after a bounded number of tries, while the thousand queued after it sync; Retry sends it again", async () => {
      const invoiceService: InvoiceModuleService =
        getContainer().resolve(INVOICE_MODULE)
      const poison = (await newInvoice()).invoice
      const docs = benchInvoices(`poison${Date.now()}`, 1000, 50)
      const others: string[] = []
      for (let i = 0; i < docs.length; i += 200) {
        const created = await invoiceService.createInvoiceDocuments(
          docs.slice(i, i + 200)
        )
        others.push(...created.map((d) => d.id))
      }
      // Salesforce refuses the document with a message holding a NUL character: PostgreSQL's jsonb cannot store
      // it, so every commit of a batch holding this document's attempt fails, as long as Salesforce says so.
      sf.emu.injectRecordFault({
        object: "Medusa_Invoice__c",
        match: { Medusa_Id__c: poison.id },
        errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        message: "Total is wrong\u0000 for this customer",
        count: 100,
      })
      const [run] = await service.createSyncRuns([
        { trigger: "bulk", status: "running", total: 1 + others.length },
      ])
      await service.enqueueSync(
        [poison.id, ...others].map((invoice_id) => ({
          invoice_id,
          trigger: "bulk" as const,
          started_by: null,
          run_id: run.id,
        }))
      )

      await drainOutbox(getContainer())

      const rows = await service.listSyncOutboxEntries(
        { run_id: run.id },
        { take: null }
      )
      expect(rows.filter((r) => r.status !== "done")).toEqual([])
      const attempts = await service.listSyncAttempts(
        { run_id: run.id },
        { take: null, select: ["invoice_id", "status", "error_code"] }
      )
      const synced = new Set(
        attempts.filter((a) => a.status === "synced").map((a) => a.invoice_id)
      )
      expect(others.filter((id) => !synced.has(id))).toEqual([])
      expect(
        sf.emu
          .records("Medusa_Invoice__c")
          .filter((r) => others.includes(String(r.Medusa_Id__c)))
      ).toHaveLength(1000)
      // The poisoned document was sent a bounded number of times, then set aside as failed.
      expect(sf.emu.recordFaults()[0]).toEqual(
        expect.objectContaining({ failed: MAX_FAILURES })
      )
      const [run_] = await service.listSyncRuns({ id: run.id })
      expect(run_).toEqual(
        expect.objectContaining({
          status: "completed",
          synced: 1000,
          failed: 1,
        })
      )
      // The log shows it failed, with the reason (no customer data, no statement) and a hint.
      const log = (
        await api.get(
          `/admin/salesforce/sync-log?invoice_id=${poison.id}`,
          asAdmin
        )
      ).data
      expect(log.attempts).toEqual([
        expect.objectContaining({
          status: "failed",
          error_code: "SYNC_SET_ASIDE",
          error_message: expect.stringContaining("Unicode"),
          hint: expect.stringContaining("Retry"),
        }),
      ])
      expect(log.attempts[0].error_message).not.toMatch(/INSERT|customer|Total/)

      // Once Salesforce accepts it, Retry sends it again.
      sf.emu.clearRecordFaults()
      expect((await sync(poison.id)).status).toBe("synced")
    })
  },
})
