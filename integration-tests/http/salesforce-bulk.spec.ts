import { storeTestRunner } from "../helpers/runner"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { drainOutbox } from "../../src/workflows/salesforce/utils/drain-outbox"
import { sendBatch } from "../../src/workflows/salesforce/utils/send-batch"
import type { BulkTransport } from "../../src/workflows/salesforce/utils/send-bulk"
import { eventually } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(180_000)

// A run of more than 5 documents goes through Bulk API 2.0; short leases, so a dead drain's batch is free soon.
process.env.SALESFORCE_BULK_THRESHOLD = "5"
process.env.SALESFORCE_OUTBOX_LEASE_MS = "2000"

const sf = useSalesforceEmulator()

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { asAdmin, newInvoice } = useSyncTest({ api, getContainer }, sf, {
      enabled: true,
      automatic_sync: false,
    })

    /** `count` invoices, each of its own new customer: 6 Accounts, Contacts and invoices, 18 lines. */
    const newInvoices = async (count: number) => {
      const invoices: { id: string; number: string }[] = []
      for (let i = 0; i < count; i++) {
        invoices.push((await newInvoice()).invoice)
      }
      return invoices
    }

    it("sends a run over the threshold as one Bulk job per object; a refused document fails alone with Salesforce's reason", async () => {
      const invoices = await newInvoices(6)
      const bad = invoices[2]
      sf.emu.injectRecordFault({
        object: "Medusa_Invoice__c",
        match: { Medusa_Id__c: bad.id },
        errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        message: "Total must match the lines",
      })

      const { data } = await api.post(
        "/admin/invoices/salesforce-sync",
        { invoice_ids: invoices.map((i) => i.id) },
        asAdmin
      )

      expect(
        data.results.map((r: { invoice_id: string; status: string }) => [
          r.invoice_id,
          r.status,
        ])
      ).toEqual(invoices.map((i) => [i.id, i === bad ? "failed" : "synced"]))
      expect(
        sf.emu.bulkJobs().map((j) => [j.object, j.operation, j.state])
      ).toEqual([
        ["Account", "upsert", "JobComplete"],
        ["Contact", "upsert", "JobComplete"],
        ["Medusa_Invoice__c", "upsert", "JobComplete"],
        ["Medusa_Invoice_Line__c", "upsert", "JobComplete"],
      ])
      expect(sf.emu.requestLog().byEndpoint["POST /composite"]).toBeUndefined()

      // Records land under the right parents: each invoice under its customer's Contact and Account, each line
      // under its invoice; the refused document's lines were not sent.
      const sfInvoices = sf.emu.records("Medusa_Invoice__c")
      expect(sfInvoices.map((r) => r.Medusa_Id__c).sort()).toEqual(
        invoices
          .filter((i) => i !== bad)
          .map((i) => i.id)
          .sort()
      )
      const contacts = new Map(sf.emu.records("Contact").map((c) => [c.Id, c]))
      for (const record of sfInvoices) {
        const contact = contacts.get(String(record.Contact__c))!
        expect(String(contact.Email).toLowerCase()).toBe(
          String(record.Customer_Email__c).toLowerCase()
        )
        expect(record.Account__c).toBe(contact.AccountId)
      }
      const lines = sf.emu.records("Medusa_Invoice_Line__c")
      expect(lines).toHaveLength(15)
      const invoiceIds = new Set(sfInvoices.map((r) => r.Id))
      expect(lines.every((l) => invoiceIds.has(String(l.Invoice__c)))).toBe(
        true
      )

      // The log and the run read as for any other sync: Salesforce's reason in plain language.
      const log = (
        await api.get(`/admin/salesforce/sync-log?q=${bad.number}`, asAdmin)
      ).data.attempts
      expect(log).toEqual([
        expect.objectContaining({
          status: "failed",
          error_code: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
          error_message: expect.stringContaining("Total must match the lines"),
        }),
      ])
      const { run } = (
        await api.get(`/admin/salesforce/sync-runs/${data.run_id}`, asAdmin)
      ).data
      expect(run).toEqual(
        expect.objectContaining({ status: "completed", synced: 5, failed: 1 })
      )
      const synced = (
        await api.get(`/admin/invoices/${invoices[0].id}`, asAdmin)
      ).data.invoice
      expect(synced).toEqual(
        expect.objectContaining({
          sync_status: "synced",
          salesforce_id: sfInvoices.find(
            (r) => r.Medusa_Id__c === invoices[0].id
          )!.Id,
        })
      )
    })

    it("a drain after a crash mid-job polls the stored job instead of creating another, and the documents end synced", async () => {
      const container = getContainer()
      const service: SalesforceModuleService =
        container.resolve(SALESFORCE_MODULE)
      const invoiceService: InvoiceModuleService =
        container.resolve(INVOICE_MODULE)
      const invoices = await newInvoices(6)
      // Queued without a drain, and the scheduled drain held off: this test decides who drains.
      await service.claimJobRun("salesforce-drain-outbox", 10 * 60_000)
      const run = await service.createSyncRuns({
        trigger: "catch_up",
        status: "running",
        total: invoices.length,
      })
      await service.enqueueSync(
        invoices.map((i) => ({
          invoice_id: i.id,
          trigger: "catch_up" as const,
          started_by: null,
          run_id: run.id,
        }))
      )

      // A first drain claims the run as a bulk batch and dies right after closing the invoices' job.
      const work = await service.claimOutboxWork("dead-drain")
      expect(work.claims).toHaveLength(6)
      const batchId = work.bulk!.batch_id
      let invoiceJob: string | null = null
      const dying: BulkTransport = {
        createUpsertJob: async (object, field) => {
          const job = await service.createUpsertJob(object, field)
          if (object === "Medusa_Invoice__c") invoiceJob = job.id
          return job
        },
        uploadJobData: (id, csv) => service.uploadJobData(id, csv),
        closeJob: (id) => service.closeJob(id),
        abortJob: (id) => service.abortJob(id),
        jobInfo: async (id) => {
          if (id === invoiceJob) throw new Error("the process died here")
          return service.jobInfo(id)
        },
        jobResults: (id, kind) => service.jobResults(id, kind),
      }
      await sendBatch(
        {
          transport: service,
          syncNotes: false,
          policy: service.options.retry,
          previousLineIds: new Map(),
          bulk: {
            transport: dying,
            store: {
              jobs: () => service.bulkJobs(batchId),
              save: (job) => service.saveBulkJob("dead-drain", batchId, job),
            },
            policy: service.options.retry,
            threshold: service.options.bulkThreshold,
          },
        },
        await invoiceService.listSyncableInvoices(invoices.map((i) => i.id))
      )
      const stored = await service.bulkJobs(batchId)
      expect(stored.map((j) => [j.step, j.state])).toEqual([
        ["account", "JobComplete"],
        ["contact", "JobComplete"],
        ["invoice", "UploadComplete"],
      ])
      expect(await service.listSyncAttempts({ run_id: run.id })).toHaveLength(0)

      // The dead drain's lease runs out. Another drain's claim gives expired REST rows back first: not these.
      await eventually(async () => {
        const rows = await service.listSyncOutboxEntries({ run_id: run.id })
        return rows.every((r) => r.lease_until! < new Date()) ? true : undefined
      })
      expect(await service.reclaimExpiredLeases()).toEqual([])
      // The next drain takes the batch over whole and finishes it.
      sf.emu.resetRequestLog()
      expect(await drainOutbox(container)).toBe(6)

      expect(sf.emu.requestLog().byEndpoint["POST /jobs/ingest"]).toBe(1)
      expect(sf.emu.bulkJobs().map((j) => j.object)).toEqual([
        "Account",
        "Contact",
        "Medusa_Invoice__c",
        "Medusa_Invoice_Line__c",
      ])
      expect(
        (await service.bulkJobs(batchId)).find((j) => j.step === "invoice")
      ).toEqual(expect.objectContaining({ job_id: invoiceJob }))
      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(6)
      expect(sf.emu.records("Medusa_Invoice_Line__c")).toHaveLength(18)
      expect(sf.emu.records("Contact")).toHaveLength(6)
      const attempts = await service.listSyncAttempts({ run_id: run.id })
      expect(attempts.map((a) => a.status)).toEqual(
        invoices.map(() => "synced")
      )
      const rows = await service.listSyncOutboxEntries({ run_id: run.id })
      expect(rows.map((r) => [r.status, r.claims])).toEqual(
        invoices.map(() => ["done", 2])
      )
      const [finished] = await service.listSyncRuns({ id: run.id })
      expect(finished).toEqual(
        expect.objectContaining({
          status: "interrupted",
          synced: 6,
          failed: 0,
          finished_at: expect.any(Date),
        })
      )
    })
  },
})
