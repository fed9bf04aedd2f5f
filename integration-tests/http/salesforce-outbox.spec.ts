import { storeTestRunner } from "../helpers/runner"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { drainOutbox } from "../../src/workflows/salesforce/utils/drain-outbox"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(120_000)

const sf = useSalesforceEmulator()

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    let service: SalesforceModuleService

    const { newInvoice, sync, bulkSync } = useSyncTest(
      { api, getContainer },
      sf,
      {
        enabled: true,
        automatic_sync: false,
      }
    )
    beforeEach(async () => {
      service = getContainer().resolve(SALESFORCE_MODULE)
    })

    // Every upsert goes in a composite request (accounts, contacts, invoices and lines together).
    const invoiceUpserts = () =>
      sf.emu
        .requestLog()
        .entries.filter(
          (e) => e.method === "POST" && /\/composite$/.test(e.path)
        )

    it("sends documents queued twice once each and records each request once, with drains running at once", async () => {
      const invoices = [
        (await newInvoice()).invoice,
        (await newInvoice()).invoice,
        (await newInvoice()).invoice,
      ]
      const ids = invoices.map((i) => i.id)
      // Two requests for the same documents, queued without a drain, then drained by three drains at once.
      const runs = await Promise.all(
        ["bulk", "catch_up"].map((trigger) =>
          service.createSyncRuns({
            trigger: trigger as "bulk",
            status: "running",
            total: ids.length,
          })
        )
      )
      for (const run of runs) {
        await service.enqueueSync(
          ids.map((invoice_id) => ({
            invoice_id,
            trigger: run.trigger,
            started_by: null,
            run_id: run.id,
          }))
        )
      }
      sf.emu.setLatency({ fixedMs: 30 })
      sf.emu.setRowLocks({ holdMs: 100 })
      // Batches of two, so the drains share the work and a document's two rows could land in two batches at once;
      // no retries, so two batches writing one document at once would show as a lock failure (rows are held 100 ms).
      const options = service.options as {
        batchSize: number
        retry: { maxAttempts: number }
      }
      options.batchSize = 2
      options.retry.maxAttempts = 1
      const container = getContainer()
      try {
        await Promise.all([
          drainOutbox(container),
          drainOutbox(container),
          drainOutbox(container),
        ])
      } finally {
        options.batchSize = 200
        options.retry.maxAttempts = 4
        sf.emu.setLatency({ fixedMs: 0 })
        sf.emu.setRowLocks({ holdMs: 0 })
      }

      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(3)
      // Two items and the shipping method: three lines an invoice.
      expect(sf.emu.records("Medusa_Invoice_Line__c")).toHaveLength(9)
      expect(sf.emu.records("Contact")).toHaveLength(3)
      expect(sf.emu.records("Account")).toHaveLength(3)
      const rows = await service.listSyncOutboxEntries({ invoice_id: ids })
      expect(rows).toHaveLength(6)
      expect(rows.every((r) => r.status === "done" && r.claims === 1)).toBe(
        true
      )
      const attempts = await service.listSyncAttempts({ invoice_id: ids })
      expect(attempts).toHaveLength(6)
      expect(attempts.map((a) => a.error_code ?? a.status)).toEqual(
        Array(6).fill("synced")
      )
      expect(new Set(attempts.map((a) => a.outbox_id)).size).toBe(6)
      expect(attempts.every((a) => a.status === "synced")).toBe(true)
      for (const run of runs) {
        const [done] = await service.listSyncRuns({ id: run.id })
        expect(done).toEqual(
          expect.objectContaining({
            status: "completed",
            total: 3,
            synced: 3,
            failed: 0,
          })
        )
      }
    })

    it("leaves one record when Salesforce commits the write and the answer is lost", async () => {
      const { invoice } = await newInvoice()
      // Salesforce writes the invoice, then the connection drops before the answer: the retry finds it written.
      sf.emu.injectFault({
        method: "POST",
        path: "/composite",
        drop: "after-commit",
        count: 1,
      })
      const result = await sync(invoice.id)
      expect(result.status).toBe("synced")
      expect(invoiceUpserts()).toHaveLength(2)
      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(1)
      expect(sf.emu.records("Medusa_Invoice_Line__c")).toHaveLength(3)
      expect(sf.emu.records("Medusa_Invoice__c")[0].Id).toBe(
        result.salesforce_id
      )
    })

    it("retries records Salesforce could not lock without resending or failing their batch-mates", async () => {
      const invoices = [
        (await newInvoice()).invoice,
        (await newInvoice()).invoice,
        (await newInvoice()).invoice,
      ]
      sf.emu.injectRecordFault({
        object: "Medusa_Invoice__c",
        match: { Medusa_Id__c: invoices[1].id },
        errorCode: "UNABLE_TO_LOCK_ROW",
        count: 2,
      })
      const { results } = await bulkSync(invoices.map((i) => i.id))
      expect(results.map((r: { status: string }) => r.status)).toEqual([
        "synced",
        "synced",
        "synced",
      ])
      // One call with all three, then two with only the locked record (and its lines).
      expect(invoiceUpserts()).toHaveLength(3)
      expect(sf.emu.recordFaults()[0]).toEqual(
        expect.objectContaining({ failed: 2 })
      )
      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(3)
      const attempts = await service.listSyncAttempts({
        invoice_id: invoices.map((i) => i.id),
      })
      expect(attempts.map((a) => a.status)).toEqual([
        "synced",
        "synced",
        "synced",
      ])
    })

    it("updates, not duplicates, a customer that a concurrent sync created first (DUPLICATE_VALUE)", async () => {
      const { invoice } = await newInvoice()
      sf.emu.injectRecordFault({
        object: "Account",
        match: { Medusa_Customer_Id__c: /./ },
        concurrentWrite: true,
      })
      const result = await sync(invoice.id)
      expect(result.status).toBe("synced")
      expect(sf.emu.recordFaults()[0]).toEqual(
        expect.objectContaining({ failed: 1 })
      )
      expect(sf.emu.records("Account")).toHaveLength(1)
      expect(sf.emu.records("Contact")).toHaveLength(1)
    })
  },
})
