import { storeTestRunner } from "../helpers/runner"
import catchUpJob, { CATCH_UP_JOB } from "../../src/jobs/salesforce-catch-up"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { benchInvoices } from "../../scripts/bench/fixtures"
import { eventually } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(240_000)

// The documents go as composite batches, not Bulk API 2.0 jobs: the test is about what is queued.
process.env.SALESFORCE_BULK_THRESHOLD = "100000"

const sf = useSalesforceEmulator()

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { asAdmin } = useSyncTest({ api, getContainer }, sf, {
      enabled: true,
      automatic_sync: false,
    })

    it("queues each document once when the scheduled catch-up and an admin's catch-up run at the same time", async () => {
      const container = getContainer()
      const service: SalesforceModuleService =
        container.resolve(SALESFORCE_MODULE)
      const invoiceService: InvoiceModuleService =
        container.resolve(INVOICE_MODULE)
      // More than one page of the catch-up (1,000 a page).
      const docs = benchInvoices(`catchup${Date.now()}`, 1200, 40)
      const ids: string[] = []
      for (let i = 0; i < docs.length; i += 200) {
        const created = await invoiceService.createInvoiceDocuments(
          docs.slice(i, i + 200)
        )
        ids.push(...created.map((d) => d.id))
      }
      await catchUpJob(container) // the first run starts the job's clock
      await service.updateScheduledJobClaims({
        id: CATCH_UP_JOB,
        last_run_at: new Date(Date.now() - 16 * 60_000),
      })

      const [, admin] = await Promise.all([
        catchUpJob(container),
        api.post("/admin/salesforce/catch-up", {}, asAdmin),
      ])

      const rows = await service.listSyncOutboxEntries(
        { invoice_id: ids },
        { take: null, select: ["invoice_id", "run_id"] }
      )
      const perInvoice = new Map<string, number>()
      for (const r of rows)
        perInvoice.set(r.invoice_id, (perInvoice.get(r.invoice_id) ?? 0) + 1)
      expect(perInvoice.size).toBe(ids.length)
      expect([...perInvoice.values()].filter((n) => n !== 1)).toEqual([])
      const runs = await service.listSyncRuns({ trigger: "catch_up" })
      expect(runs.reduce((sum, r) => sum + r.total, 0)).toBe(ids.length)
      // The catch-up that found the other's documents waiting left no empty run behind ("running" for good).
      expect(runs.filter((r) => r.total === 0)).toEqual([])
      expect(admin.data.found).toBe(
        runs.find((r) => r.id === admin.data.run_id)?.total ?? 0
      )

      // Sending is not what this test is about: the queue is taken back, and the batch a drain holds finishes.
      for (const run of runs) await service.cancelCatchUp(run.id)
      await eventually(async () => {
        const claimed = await service.listSyncOutboxEntries({
          invoice_id: ids,
          status: "claimed",
        })
        return claimed.length ? undefined : true
      }, 180_000)
    })
  },
})
