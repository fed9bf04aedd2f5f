import { storeTestRunner } from "../helpers/runner"
import { parse } from "csv-parse/sync"
import catchUpJob, { CATCH_UP_JOB } from "../../src/jobs/salesforce-catch-up"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { eventually, expectFailure } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"
import { placeTestOrder } from "../helpers/store"

jest.setTimeout(120_000)

const sf = useSalesforceEmulator()

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const store = useSyncTest({ api, getContainer }, sf, {
      enabled: true,
      automatic_sync: false,
      sync_notes: false,
    })
    const { asAdmin, newInvoice } = store

    const sync = async (id: string, trigger?: string) =>
      (
        await api.post(
          `/admin/invoices/${id}/salesforce-sync`,
          trigger ? { trigger } : {},
          asAdmin
        )
      ).data

    describe("Sync New Order", () => {
      it("syncs every document of each order, once, and answers per number", async () => {
        const a = await newInvoice()
        const b = await newInvoice()
        const plain = await placeTestOrder(getContainer(), store.regionId) // an order without an invoice
        await sync(b.invoice.id)
        sf.emu.resetRequestLog()

        const { data } = await api.post(
          "/admin/salesforce/sync-orders",
          {
            order_numbers: [
              ` ${a.order.display_id} `,
              `#${a.order.display_id}`,
              String(b.order.display_id),
              String(plain.display_id),
              "999999",
              "ORD-1",
            ],
          },
          asAdmin
        )
        expect(
          data.results.map(
            (r: { order_number: string; status: string; message: string }) => [
              r.order_number,
              r.status,
              r.message,
            ]
          )
        ).toEqual([
          [String(a.order.display_id), "synced", "1 document(s) synced"],
          [
            String(b.order.display_id),
            "already_synced",
            "Already in Salesforce; not sent again",
          ],
          [
            String(plain.display_id),
            "failed",
            `Order #${plain.display_id} has no invoice yet: create it from the order page`,
          ],
          ["999999", "not_found", "Record not found"],
          ["ORD-1", "not_found", "Record not found"],
        ])
        expect(data.results[0].invoices).toEqual([
          expect.objectContaining({
            invoice_id: a.invoice.id,
            status: "synced",
            salesforce_id: expect.any(String),
          }),
        ])
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(2)
        // b was not sent again: only a's records went out (accounts, contacts, invoices, lines in one composite).
        expect(sf.emu.requestLog().byEndpoint["POST /composite"]).toBe(1)
      })

      it("refuses more than 100 numbers, empty lists and blank numbers", async () => {
        const many = Array.from({ length: 101 }, (_, i) => String(i + 1))
        const tooMany = await expectFailure(
          api.post(
            "/admin/salesforce/sync-orders",
            { order_numbers: many },
            asAdmin
          )
        )
        expect(tooMany.status).toBe(400)
        expect(tooMany.data.message).toMatch(/order_numbers.*100/)
        const none = await expectFailure(
          api.post(
            "/admin/salesforce/sync-orders",
            { order_numbers: [] },
            asAdmin
          )
        )
        expect(none.status).toBe(400)
        const blank = await expectFailure(
          api.post(
            "/admin/salesforce/sync-orders",
            { order_numbers: ["  "] },
            asAdmin
          )
        )
        expect(blank.status).toBe(400)
        expect(sf.emu.requestLog().total).toBe(0)
      })
    })

    describe("notes", () => {
      it("sends comments as notes only with notes sync on, never duplicated, and resends after a new comment", async () => {
        const { invoice } = await newInvoice()
        await api.post(
          `/admin/invoices/${invoice.id}/comments`,
          { text: "First note" },
          asAdmin
        )
        await sync(invoice.id)
        expect(
          sf.emu.records("Medusa_Invoice__c")[0].Notes__c ?? null
        ).toBeNull()

        await api.post(
          "/admin/salesforce/settings",
          { sync_notes: true },
          asAdmin
        )
        await sync(invoice.id)
        await sync(invoice.id)
        const notes = sf.emu.records("Medusa_Invoice__c")[0].Notes__c as string
        expect(notes.match(/First note/g)).toHaveLength(1)

        // A new comment marks the invoice out of date; the next sync carries it.
        await api.post(
          `/admin/invoices/${invoice.id}/comments`,
          { text: "Second note" },
          asAdmin
        )
        await eventually(async () => {
          const { invoice: i } = (
            await api.get(`/admin/invoices/${invoice.id}`, asAdmin)
          ).data
          return i.sync_status === "outdated" ? true : undefined
        })
        const caught = (
          await api.post("/admin/salesforce/catch-up", {}, asAdmin)
        ).data
        expect(caught).toEqual(expect.objectContaining({ found: 1 }))
        const updated = await eventually(async () => {
          const notes = sf.emu.records("Medusa_Invoice__c")[0].Notes__c
          return /Second note/.test(String(notes)) ? String(notes) : undefined
        })
        expect(updated).toMatch(/First note[\s\S]*Second note/)
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(1)
      })

      it("sends a new comment at once under automatic sync", async () => {
        await api.post(
          "/admin/salesforce/settings",
          { automatic_sync: true, sync_notes: true },
          asAdmin
        )
        const { invoice } = await newInvoice()
        await eventually(async () =>
          sf.emu.records("Medusa_Invoice__c").length ? true : undefined
        )
        await api.post(
          `/admin/invoices/${invoice.id}/comments`,
          { text: "Call before delivery" },
          asAdmin
        )
        await eventually(async () =>
          String(
            sf.emu.records("Medusa_Invoice__c")[0].Notes__c ?? ""
          ).includes("Call before delivery")
            ? true
            : undefined
        )
      })
    })

    describe("the log", () => {
      it("shows one row per invoice (its success once it succeeded), every try on demand, runs and failures by reason", async () => {
        const { invoice, order } = await newInvoice()
        const other = await newInvoice({ sku: "Y".repeat(120) }) // SKU too long for Salesforce
        sf.emu.injectRecordFault({
          object: "Medusa_Invoice__c",
          errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
          message: "Total must be positive",
          count: 1,
        })
        const failed = await sync(invoice.id)
        expect(failed.result.status).toBe("failed")
        const retried = await sync(invoice.id, "retry")
        expect(retried.result.status).toBe("synced")
        await api.post(
          "/admin/invoices/salesforce-sync",
          { invoice_ids: [other.invoice.id] },
          asAdmin
        )

        const log = (await api.get("/admin/salesforce/sync-log", asAdmin)).data
        expect(log).toEqual(
          expect.objectContaining({ count: 2, offset: 0, limit: 20 })
        )
        const row = log.attempts.find(
          (a: { invoice_id: string }) => a.invoice_id === invoice.id
        )
        expect(row).toEqual(
          expect.objectContaining({
            invoice_number: invoice.number,
            order_display_id: order.display_id,
            document_type: "invoice",
            amount: 30.25,
            status: "synced",
            trigger: "retry",
            salesforce_url: expect.stringContaining(
              "/lightning/r/Medusa_Invoice__c/"
            ),
          })
        )
        const every = (
          await api.get(
            `/admin/salesforce/sync-log?all_attempts=true&q=${invoice.number}`,
            asAdmin
          )
        ).data
        expect(every.attempts.map((a: { status: string }) => a.status)).toEqual(
          ["synced", "failed"]
        )
        expect(every.attempts[1].error_message).toMatch(
          /Total must be positive/
        )
        const byOrder = (
          await api.get(
            `/admin/salesforce/sync-log?q=%23${order.display_id}`,
            asAdmin
          )
        ).data
        expect(
          byOrder.attempts.map((a: { invoice_id: string }) => a.invoice_id)
        ).toEqual([invoice.id])
        const failures = (
          await api.get("/admin/salesforce/sync-log?status=failed", asAdmin)
        ).data
        expect(
          failures.attempts.map((a: { invoice_id: string }) => a.invoice_id)
        ).toEqual([other.invoice.id])
        expect(
          (await api.get("/admin/salesforce/sync-log?trigger=bulk", asAdmin))
            .data.count
        ).toBe(1)

        const runs = (await api.get("/admin/salesforce/sync-runs", asAdmin))
          .data
        expect(
          runs.runs.map(
            (r: { trigger: string; synced: number; failed: number }) => [
              r.trigger,
              r.synced,
              r.failed,
            ]
          )
        ).toEqual([
          ["bulk", 0, 1],
          ["retry", 1, 0],
          ["manual", 0, 1],
        ])
        const detail = (
          await api.get(
            `/admin/salesforce/sync-runs/${runs.runs[0].id}`,
            asAdmin
          )
        ).data.run
        expect(detail.failures_by_reason).toEqual([
          {
            reason: expect.stringMatching(/SKU.*STRING_TOO_LONG/),
            error_code: "STRING_TOO_LONG",
            hint: expect.stringMatching(/SKU/),
            count: 1,
          },
        ])
        expect(
          (
            await expectFailure(
              api.get("/admin/salesforce/sync-runs/srun_missing", asAdmin)
            )
          ).status
        ).toBe(404)
        expect(
          (
            await expectFailure(
              api.get("/admin/salesforce/sync-log?status=maybe", asAdmin)
            )
          ).status
        ).toBe(400)
      })

      it("exports failed records as CSV that a spreadsheet cannot execute", async () => {
        const { invoice } = await newInvoice()
        // Salesforce's own text goes into the export as it came: here a code that is a formula.
        const formula = '=HYPERLINK("http://evil","x")'
        sf.emu.injectRecordFault({
          object: "Medusa_Invoice__c",
          errorCode: formula,
          message: "-2+3 looks like a formula too",
          count: 1,
        })
        const { run_id } = await sync(invoice.id)
        const res = await api.get(
          `/admin/salesforce/sync-log/export?run_id=${run_id}`,
          asAdmin
        )
        expect(res.headers["content-type"]).toMatch(/text\/csv/)
        expect(res.headers["content-disposition"]).toMatch(
          /attachment; filename=".*\.csv"/
        )
        const rows = parse(res.data, { columns: true }) as Record<
          string,
          string
        >[]
        expect(rows).toHaveLength(1)
        expect(rows[0]["Invoice number"]).toBe(invoice.number)
        // The cell would start with "=": it is defused with a leading quote, its text kept.
        expect(rows[0]["Salesforce code"]).toBe(`'${formula}`)
        expect(rows[0]["Failure reason"]).toContain("-2+3 looks like a formula")
        for (const cell of Object.values(rows[0])) {
          expect(cell).not.toMatch(/^[=+\-@\t\r]/)
        }
        const byReason = await api.get(
          `/admin/salesforce/sync-log/export?run_id=${run_id}&reason=${encodeURIComponent("no such reason")}`,
          asAdmin
        )
        expect(parse(byReason.data, { columns: true })).toHaveLength(0)
      })

      it("shows the log and its record links in a fresh process, before it has called Salesforce", async () => {
        const { invoice } = await newInvoice()
        const { result } = await sync(invoice.id)
        expect(result.status).toBe("synced")
        // A restarted process has no Salesforce session yet: nothing the log shows may depend on one.
        const service: SalesforceModuleService =
          getContainer().resolve(SALESFORCE_MODULE)
        service.resetConnection()
        sf.emu.resetRequestLog()
        const expectedUrl = `${sf.emu.url}/lightning/r/Medusa_Invoice__c/${result.salesforce_id}/view`
        const log = await api.get("/admin/salesforce/sync-log", asAdmin)
        expect(log.status).toBe(200)
        expect(log.data.attempts).toEqual([
          expect.objectContaining({
            invoice_id: invoice.id,
            salesforce_url: expectedUrl,
          }),
        ])
        // The invoice page's attempt history reads the same route, filtered.
        const history = await api.get(
          `/admin/salesforce/sync-log?invoice_id=${invoice.id}&all_attempts=true`,
          asAdmin
        )
        expect(history.data.attempts[0].salesforce_url).toBe(expectedUrl)
        expect(sf.emu.requestLog().total).toBe(0)
      })
    })

    describe("catch-up", () => {
      it("finds every invoice that should be in Salesforce and is not, and sends them in one run", async () => {
        const docs = [
          await newInvoice(),
          await newInvoice(),
          await newInvoice(),
        ]
        await sync(docs[0].invoice.id)
        const caught = (
          await api.post("/admin/salesforce/catch-up", {}, asAdmin)
        ).data
        // Answered at once: the run's progress says when it is done.
        expect(caught).toEqual({ found: 2, run_id: expect.any(String) })
        const run = await eventually(async () => {
          const { run } = (
            await api.get(
              `/admin/salesforce/sync-runs/${caught.run_id}`,
              asAdmin
            )
          ).data
          return run.status === "completed" ? run : undefined
        })
        expect(run.progress).toEqual({
          total: 2,
          queued: 0,
          sending: 0,
          sent: 2,
          synced: 2,
          failed: 0,
        })
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(3)
        const again = (
          await api.post("/admin/salesforce/catch-up", {}, asAdmin)
        ).data
        expect(again).toEqual({ run_id: null, found: 0 })
      })

      it("queues the candidates a page at a time, oldest first, leaving out the synced ones", async () => {
        const docs = [
          await newInvoice(),
          await newInvoice(),
          await newInvoice(),
          await newInvoice(),
        ]
        await sync(docs[1].invoice.id)
        const service: SalesforceModuleService =
          getContainer().resolve(SALESFORCE_MODULE)
        // Pages of two: three candidates take two pages.
        const { run_id, found } = await service.enqueueCatchUp(null, 2)
        const queued = await service.listSyncOutboxEntries(
          { run_id: run_id! },
          { order: { seq: "ASC" } }
        )
        expect(found).toBe(3)
        expect(queued.map((r) => r.invoice_id)).toEqual([
          docs[0].invoice.id,
          docs[2].invoice.id,
          docs[3].invoice.id,
        ])
      })

      it("runs from the scheduled job once per interval, and the log is pruned after its retention", async () => {
        const container = getContainer()
        const service: SalesforceModuleService =
          container.resolve(SALESFORCE_MODULE)
        const intervalPassed = () =>
          service.updateScheduledJobClaims({
            id: CATCH_UP_JOB,
            last_run_at: new Date(Date.now() - 16 * 60_000),
          })
        const inSalesforce = (n: number) =>
          eventually(async () =>
            sf.emu.records("Medusa_Invoice__c").length === n ? true : undefined
          )
        const queuedFor = async (invoiceId: string) =>
          (await service.listSyncOutboxEntries({ invoice_id: invoiceId }))
            .length
        const { invoice } = await newInvoice()
        await catchUpJob(container) // the first run starts the clock
        expect(await queuedFor(invoice.id)).toBe(0)
        await intervalPassed()
        await catchUpJob(container)
        await inSalesforce(1)
        const second = await newInvoice()
        await catchUpJob(container) // within the interval: does not look again
        expect(await queuedFor(second.invoice.id)).toBe(0)
        await intervalPassed()
        // Two workers' schedulers firing at once: one of them runs it.
        await Promise.all([catchUpJob(container), catchUpJob(container)])
        expect(await queuedFor(second.invoice.id)).toBe(1)
        await inSalesforce(2)
        await eventually(async () =>
          (await api.get(`/admin/invoices/${second.invoice.id}`, asAdmin)).data
            .invoice.sync_status === "synced"
            ? true
            : undefined
        )

        expect(await service.pruneSyncLog(new Date())).toBe(0)
        const sevenMonthsOn = new Date(Date.now() + 214 * 24 * 3600_000)
        expect(await service.pruneSyncLog(sevenMonthsOn)).toBe(2)
        expect(
          (await api.get("/admin/salesforce/sync-log", asAdmin)).data.count
        ).toBe(0)
        expect(
          (await api.get("/admin/salesforce/sync-runs", asAdmin)).data.count
        ).toBe(0)
        // Pruning the log forgets attempts, not what is in Salesforce.
        expect(
          (await api.get(`/admin/invoices/${invoice.id}`, asAdmin)).data.invoice
            .sync_status
        ).toBe("synced")
      })

      it("deletes nothing when sync is disabled", async () => {
        const { invoice } = await newInvoice()
        await sync(invoice.id)
        await api.post(
          "/admin/salesforce/settings",
          { enabled: false },
          asAdmin
        )
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(1)
        const listed = (await api.get(`/admin/invoices/${invoice.id}`, asAdmin))
          .data.invoice
        expect(listed.sync_status).toBe("synced")
        expect(
          (await api.get("/admin/salesforce/sync-log", asAdmin)).data.count
        ).toBe(1)
      })
    })
  },
})
