import { storeTestRunner } from "../helpers/runner"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { InvoiceEvents } from "../../src/workflows/invoice/events"
import { deliverEvent } from "../helpers/events"
import { expectFailure } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(120_000)

const sf = useSalesforceEmulator()

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { asAdmin, newInvoice, sync } = useSyncTest(
      { api, getContainer },
      sf,
      {
        enabled: true,
        automatic_sync: false,
      }
    )

    // Counted from the entries: a faulted request never reaches a route, so it has no endpoint template.
    const upserts = () =>
      sf.emu
        .requestLog()
        .entries.filter(
          (e) => e.method === "POST" && /\/composite$/.test(e.path)
        ).length

    it("retries a transient failure and succeeds", async () => {
      const { invoice } = await newInvoice()
      sf.emu.injectFault({
        method: "POST",
        path: "/composite",
        status: 503,
        errorCode: "SERVER_UNAVAILABLE",
        count: 2,
      })
      const result = await sync(invoice.id)
      expect(result.status).toBe("synced")
      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(1)
      // One composite (accounts, contacts, invoices, lines), tried 3 times.
      expect(upserts()).toBe(3)
    })

    it("gives up on a transient failure after the bounded tries, with a plain reason", async () => {
      const { invoice } = await newInvoice()
      sf.emu.injectRecordFault({
        object: "Medusa_Invoice__c",
        errorCode: "UNABLE_TO_LOCK_ROW",
        count: 50,
      })
      const result = await sync(invoice.id)
      expect(result.status).toBe("failed")
      expect(result.error).toMatch(/UNABLE_TO_LOCK_ROW/)
      // The customer records once, the invoice (with its lines) four times: one composite each time.
      expect(upserts()).toBe(4)
      expect(sf.emu.recordFaults()[0]).toEqual(
        expect.objectContaining({ failed: 4 })
      )
      const log = (
        await api.get(`/admin/salesforce/sync-log?q=${invoice.number}`, asAdmin)
      ).data.attempts
      expect(log).toEqual([
        expect.objectContaining({
          status: "failed",
          error_code: "UNABLE_TO_LOCK_ROW",
        }),
      ])
    })

    it("pauses all syncing when the daily API limit is spent, and keeps the invoices to send", async () => {
      const { invoice } = await newInvoice()
      sf.emu.setApiUsage({ used: 100000, max: 100000 })
      const result = await sync(invoice.id)
      expect(result.status).toBe("failed")
      expect(result.error).toMatch(/daily API limit/i)
      sf.emu.resetRequestLog()
      const again = await expectFailure(
        api.post(`/admin/invoices/${invoice.id}/salesforce-sync`, {}, asAdmin)
      )
      expect(again.status).toBe(409)
      expect(again.data.message).toMatch(/daily API limit/)
      expect(sf.emu.requestLog().total).toBe(0)
      const failed = (
        await api.get(`/admin/invoices?sync_status=failed`, asAdmin)
      ).data.invoices
      expect(failed.map((i: { id: string }) => i.id)).toEqual([invoice.id])

      // Automatic sync waits too: the new invoice is left for the catch-up, nothing is sent.
      await api.post(
        "/admin/salesforce/settings",
        { automatic_sync: true },
        asAdmin
      )
      const waiting = (await newInvoice()).invoice
      // The automatic trigger, awaited: the invoice's "created" event has been through its subscribers.
      await deliverEvent(getContainer(), InvoiceEvents.CREATED, {
        id: waiting.id,
      })
      expect(sf.emu.requestLog().total).toBe(0)
      const { invoice: pending } = (
        await api.get(`/admin/invoices/${waiting.id}`, asAdmin)
      ).data
      expect(pending.sync_status).toBe("not_synced")

      // Once the budget is back (an hour later), the same invoice goes through.
      const service: SalesforceModuleService =
        getContainer().resolve(SALESFORCE_MODULE)
      await service.updateSettings({ paused_until: null })
      sf.emu.setApiUsage({ used: 0 })
      expect((await sync(invoice.id)).status).toBe("synced")
    })

    it("marks the connection failing when Salesforce refuses our credentials, without looping", async () => {
      const { invoice } = await newInvoice()
      await sync(invoice.id)
      sf.emu.expireTokens()
      sf.emu.injectFault({
        method: "POST",
        path: "/services/oauth2/token",
        status: 400,
        errorCode: "invalid_client",
        count: 100,
      })
      sf.emu.resetRequestLog()
      const result = await sync(invoice.id)
      expect(result.status).toBe("failed")
      expect(result.error).toMatch(/invalid_client/)
      expect(sf.emu.requestLog().total).toBeLessThanOrEqual(3)
      const { connection } = (
        await api.get("/admin/salesforce/connection", asAdmin)
      ).data
      expect(connection.status).toBe("failing")
      expect(connection.last_error).toMatch(/invalid_client/)
      expect(JSON.stringify(connection)).not.toContain(sf.emu.clientSecret)

      // Credentials fixed: testing the connection tries again at once and clears the failure.
      sf.emu.clearFaults()
      const test = (
        await api.post("/admin/salesforce/connection/test", {}, asAdmin)
      ).data
      expect(test).toEqual(expect.objectContaining({ ok: true }))
      expect((await sync(invoice.id)).status).toBe("synced")
    })

    // Concurrent syncs and answers lost after Salesforce wrote them: salesforce-outbox.spec.ts and
    // salesforce-crash.spec.ts, where each test fails when the behaviour it names is broken.

    it("says what is missing when Salesforce lacks our metadata", async () => {
      const { invoice } = await newInvoice()
      sf.emu.injectFault({
        method: "POST",
        path: "/composite",
        status: 400,
        errorCode: "INVALID_FIELD",
        message:
          "No such column 'Document_Type__c' on sobject of type Medusa_Invoice__c",
        count: 1,
      })
      const result = await sync(invoice.id)
      expect(result.status).toBe("failed")
      expect(result.error).toMatch(/INVALID_FIELD/)
      expect(upserts()).toBe(1) // configuration errors are not retried
    })
  },
})
