import { parse } from "csv-parse/sync"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { storeTestRunner } from "../helpers/runner"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(180_000)

const sf = useSalesforceEmulator()

/** Reads of the sync (connection, run progress, log, export) and what the server decides for the client. */
storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { asAdmin, newInvoice, sync } = useSyncTest(
      { api, getContainer },
      sf,
      {
        enabled: true,
        automatic_sync: false,
        sync_notes: false,
      }
    )
    const service = () =>
      getContainer().resolve(SALESFORCE_MODULE) as SalesforceModuleService
    const log = async (query: string) =>
      (await api.get(`/admin/salesforce/sync-log?${query}`, asAdmin)).data
        .attempts as { status: string; trigger: string; hint: string | null }[]

    it("GET connection reads the stored status: no request to Salesforce, nothing written", async () => {
      const { invoice } = await newInvoice()
      expect((await sync(invoice.id)).status).toBe("synced")
      const synced = await service().getSettings()
      sf.emu.resetRequestLog()
      const { connection } = (
        await api.get("/admin/salesforce/connection", asAdmin)
      ).data
      expect(sf.emu.requestLog().total).toBe(0)
      expect(connection).toEqual(
        expect.objectContaining({
          configured: true,
          status: "connected",
          auth_flow: "client_credentials",
          last_error: null,
          checked_at: new Date(synced.connection_checked_at!).toISOString(),
        })
      )

      // Refused credentials: the GET says so, and neither logs in again nor clears the failure (a test does).
      await service().markConnectionFailing("invalid_client: refused")
      const failing = await service().getSettings()
      const seen = (await api.get("/admin/salesforce/connection", asAdmin)).data
        .connection
      expect(seen).toEqual(
        expect.objectContaining({
          status: "failing",
          last_error: "invalid_client: refused",
        })
      )
      expect(sf.emu.requestLog().total).toBe(0)
      const after = await service().getSettings()
      expect(after.connection_error).toBe("invalid_client: refused")
      expect(after.updated_at).toEqual(failing.updated_at)

      const test = (
        await api.post("/admin/salesforce/connection/test", {}, asAdmin)
      ).data
      expect(test.ok).toBe(true)
      expect(test.connection).toEqual(
        expect.objectContaining({
          status: "connected",
          org_id: sf.emu.orgId,
          username: sf.emu.username,
        })
      )
      expect(sf.emu.requestLog().total).toBeGreaterThan(0)
      expect((await service().getSettings()).connection_error).toBeNull()
    })

    it("reports a run's progress from one count in the database, not by loading its rows", async () => {
      // Sync off: no drain claims these rows while they are counted.
      await api.post("/admin/salesforce/settings", { enabled: false }, asAdmin)
      const [run, other] = await service().createSyncRuns([
        { trigger: "bulk", total: 6 },
        { trigger: "bulk", total: 2 },
      ])
      const lease = new Date(Date.now() + 60_000)
      const rows = await service().createSyncOutboxEntries([
        ...["pending", "pending", "pending", "claimed", "claimed", "done"].map(
          (status, i) => ({
            invoice_id: `inv_progress_${i}`,
            run_id: run.id,
            trigger: "bulk" as const,
            status: status as "pending" | "claimed" | "done",
            lease_owner: status === "claimed" ? "someone" : null,
            lease_until: status === "claimed" ? lease : null,
          })
        ),
        { invoice_id: "inv_progress_x", run_id: other.id, trigger: "bulk" },
        { invoice_id: "inv_progress_y", run_id: other.id, trigger: "bulk" },
      ])
      const loads = jest.spyOn(service(), "listSyncOutboxEntries")
      try {
        const { progress } = (
          await api.get(`/admin/salesforce/sync-runs/${run.id}`, asAdmin)
        ).data.run
        expect(progress).toEqual(
          expect.objectContaining({ total: 6, queued: 3, sending: 2 })
        )
        expect(await service().runProgress(other.id)).toEqual({
          queued: 2,
          sending: 0,
        })
        expect(loads).not.toHaveBeenCalled()
      } finally {
        loads.mockRestore()
        await service().deleteSyncOutboxEntries(rows.map((r) => r.id))
        await api.post("/admin/salesforce/settings", { enabled: true }, asAdmin)
      }
    })

    it("exports 2,500 failures committed together: every one, each once", async () => {
      const run = "srun_export2500"
      const failures = Array.from({ length: 2500 }, (_, i) => ({
        run_id: run,
        invoice_id: `inv_export_${i}`,
        invoice_number: `EXP-${String(i).padStart(5, "0")}`,
        order_id: `order_export_${i}`,
        order_display_id: 100_000 + i,
        document_type: "invoice",
        amount: 10,
        currency_code: "eur",
        trigger: "bulk" as const,
        started_by: null,
        status: "failed" as const,
        error_code: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        error_message: "Total must be positive",
        duration_ms: 5,
        salesforce_id: null,
      }))
      // One call, one statement: the 2,500 attempts share one created_at, to the microsecond.
      const ids = await service().recordAttempts(failures)
      try {
        for (const query of [`run_id=${run}`, ""]) {
          const res = await api.get(
            `/admin/salesforce/sync-log/export?${query}`,
            asAdmin
          )
          const numbers = (
            parse(res.data, { columns: true }) as Record<string, string>[]
          )
            .map((r) => r["Invoice number"])
            .filter((n) => n.startsWith("EXP-"))
          expect(numbers).toHaveLength(2500)
          expect(new Set(numbers).size).toBe(2500)
        }
      } finally {
        await service().deleteSyncAttempts(ids)
      }
    })

    it("shows a failure after a success in the log's default list, and hides the failures a later success resolved", async () => {
      const { invoice } = await newInvoice()
      expect((await sync(invoice.id)).status).toBe("synced")
      // Then a validation rule refuses the next sync of the same document.
      sf.emu.injectRecordFault({
        object: "Medusa_Invoice__c",
        errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        message: "Total must be positive",
        count: 1,
      })
      expect((await sync(invoice.id)).status).toBe("failed")
      const shown = await log(`invoice_id=${invoice.id}`)
      expect(shown.map((a) => a.status)).toEqual(["failed"])
      expect(shown[0].hint).toEqual(expect.any(String))

      // The Retry goes through: its success hides the failure it resolved.
      const retry = await api.post(
        `/admin/invoices/${invoice.id}/salesforce-sync`,
        { trigger: "retry" },
        asAdmin
      )
      expect(retry.data.result.status).toBe("synced")
      expect(
        (await log(`invoice_id=${invoice.id}`)).map((a) => [
          a.status,
          a.trigger,
        ])
      ).toEqual([["synced", "retry"]])
      expect(
        (await log(`invoice_id=${invoice.id}&all_attempts=true`)).map(
          (a) => a.status
        )
      ).toEqual(["synced", "failed", "synced"])
    })

    it("decides on the server what a Retry is: a client's claim does not take a never-failed document past the API budget", async () => {
      const { invoice } = await newInvoice()
      await service().updateSalesforceSettings({
        id: "default",
        api_budget_percent: 50,
        api_usage_at: null,
      })
      sf.emu.setApiUsage({ used: 60_000, max: 100_000 })
      // The document stays queued under the budget: answer after a short wait instead of the minute's default.
      const outbox = service().options.outbox
      const wait = outbox.waitTimeoutMs
      outbox.waitTimeoutMs = 1000
      try {
        const claimed = await api.post(
          `/admin/invoices/${invoice.id}/salesforce-sync`,
          { trigger: "retry" },
          asAdmin
        )
        expect(claimed.data.result.status).toBe("queued")
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)
        const [row] = await service().listSyncOutboxEntries({
          invoice_id: invoice.id,
        })
        expect(row).toEqual(
          expect.objectContaining({ trigger: "manual", status: "pending" })
        )
      } finally {
        outbox.waitTimeoutMs = wait
        const rows = await service().listSyncOutboxEntries({
          invoice_id: invoice.id,
        })
        await service().deleteSyncOutboxEntries(rows.map((r) => r.id))
        await service().updateSalesforceSettings({
          id: "default",
          paused_until: null,
          pause_kind: null,
          pause_reason: null,
          api_usage_at: null,
        })
      }
    })
  },
})
