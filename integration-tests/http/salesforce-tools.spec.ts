import { storeTestRunner } from "../helpers/runner"
import { parse } from "csv-parse/sync"
import type { EmulatorHandle } from "salesforce-emulator"
import { Modules } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { sendSyncAlertWorkflow } from "../../src/workflows/salesforce"
import { eventually, expectFailure } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(180_000)

const sf = useSalesforceEmulator()

/** A REST call to the emulator as another Salesforce user would make it (an admin editing records by hand). */
async function salesforceRest(
  emu: EmulatorHandle,
  method: string,
  path: string,
  body?: unknown
) {
  const token = await fetch(`${emu.url}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: emu.clientId,
      client_secret: emu.clientSecret,
    }),
  }).then((r) => r.json() as Promise<{ access_token: string }>)
  const res = await fetch(`${emu.url}/services/data/v62.0${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token.access_token}`,
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`)
}

const today = () => new Date().toISOString().slice(0, 10)
const daysAgo = (n: number) =>
  new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { asAdmin, newInvoice, bulkSync } = useSyncTest(
      { api, getContainer },
      sf,
      {
        enabled: true,
        automatic_sync: false,
        sync_notes: false,
      }
    )

    describe("fix hints", () => {
      it("says what to change and where, in the log, the run's groups, the CSV and the invoice", async () => {
        const { invoice, order } = await newInvoice({ sku: "Y".repeat(120) }) // SKU too long for Salesforce
        const { run_id } = await bulkSync([invoice.id])

        const { attempts } = (
          await api.get("/admin/salesforce/sync-log?status=failed", asAdmin)
        ).data
        const [row] = attempts
        expect(row.error_code).toBe("STRING_TOO_LONG")
        expect(row.hint).toContain(
          `product title or SKU of the items on order #${order.display_id}`
        )
        expect(row.hint).toContain(
          "Setup → Object Manager → Medusa Invoice Line → Fields & Relationships → SKU → Edit → Length"
        )

        const { run } = (
          await api.get(`/admin/salesforce/sync-runs/${run_id}`, asAdmin)
        ).data
        expect(run.failures_by_reason).toEqual([
          expect.objectContaining({ count: 1, hint: row.hint }),
        ])

        const csv = (
          await api.get(
            `/admin/salesforce/sync-log/export?run_id=${run_id}`,
            asAdmin
          )
        ).data
        const [record] = parse(csv, { columns: true }) as Record<
          string,
          string
        >[]
        expect(record["How to fix"]).toBe(row.hint)

        const detail = (await api.get(`/admin/invoices/${invoice.id}`, asAdmin))
          .data.invoice
        expect(detail.sync_hint).toBe(row.hint)
      })
    })

    describe("reconciliation", () => {
      it("needs a login and a valid period of at most 92 days, naming the field", async () => {
        const anonymous = await expectFailure(
          api.get(
            `/admin/salesforce/reconciliation?from=${today()}&to=${today()}`
          )
        )
        expect(anonymous.status).toBe(401)

        const cases: [string, RegExp][] = [
          [`to=${today()}`, /from/],
          [`from=2026-02-30&to=2026-03-01`, /from.*calendar date/],
          [`from=${today()}&to=tomorrow`, /to.*YYYY-MM-DD/],
          [`from=2026-03-02&to=2026-03-01`, /to must not be before from/],
          [
            `from=2026-01-01&to=2026-04-03`,
            /to may be at most 92 days after from \(asked for 93 days\)/,
          ],
          [`from=${today()}&to=${today()}&extra=1`, /extra/],
        ]
        for (const [query, message] of cases) {
          const bad = await expectFailure(
            api.get(`/admin/salesforce/reconciliation?${query}`, asAdmin)
          )
          expect([bad.status, bad.data.message]).toEqual([
            400,
            expect.stringMatching(message),
          ])
        }
        // 92 days is allowed.
        const ok = await api.get(
          `/admin/salesforce/reconciliation?from=${daysAgo(91)}&to=${today()}`,
          asAdmin
        )
        expect(ok.status).toBe(200)
      })

      it("finds what differs with a handful of read-only queries, and a resync fixes what Medusa can", async () => {
        const docs = await Promise.all([
          newInvoice(),
          newInvoice(),
          newInvoice(),
          newInvoice(),
        ])
        const [kept, deleted, changed, missing] = docs.map((d) => d.invoice)
        await bulkSync([kept.id, deleted.id, changed.id])
        const sfId = (id: string) =>
          sf.emu
            .records("Medusa_Invoice__c")
            .find((r) => r.Medusa_Id__c === id)!.Id
        const deletedId = sfId(deleted.id)
        await salesforceRest(
          sf.emu,
          "PATCH",
          `/sobjects/Medusa_Invoice__c/${sfId(changed.id)}`,
          { Total__c: 1 }
        )
        await salesforceRest(
          sf.emu,
          "DELETE",
          `/sobjects/Medusa_Invoice__c/${deletedId}`
        )
        const byHand = sf.emu.insert("Medusa_Invoice__c", {
          Name: "BY-HAND-1",
          Customer_Email__c: "someone@example.com",
          Document_Type__c: "Invoice",
          Currency__c: "EUR",
          Total__c: 9,
          Invoice_Date__c: today(),
        })

        sf.emu.resetRequestLog()
        const url = `/admin/salesforce/reconciliation?from=${daysAgo(91)}&to=${today()}`
        const { reconciliation } = (await api.get(url, asAdmin)).data
        const calls = sf.emu.requestLog().entries
        expect(
          calls
            .filter((c) => !c.endpoint.startsWith("POST /services/oauth2"))
            .map((c) => c.endpoint.replace(/\s.*/, ""))
            .every((method) => method === "GET")
        ).toBe(true)
        // One aggregate query, the differing day's documents, its deleted ones.
        expect(reconciliation.salesforce_queries).toBe(3)
        expect(
          calls.filter((c) => /GET \/query/.test(c.endpoint))
        ).toHaveLength(3)

        const eur = reconciliation.days.find(
          (d: { date: string; currency: string }) =>
            d.date === today() && d.currency === "EUR"
        )
        const total = (ids: { total: number }[]) =>
          ids.reduce((s, i) => s + Number(i.total), 0)
        expect(eur).toEqual({
          date: today(),
          currency: "EUR",
          status: "differ",
          medusa: {
            invoices: { count: 4, total: total(docs.map((d) => d.invoice)) },
            credit_notes: { count: 0, total: 0 },
          },
          salesforce: {
            invoices: {
              count: 3,
              total: Number(kept.total) + 1 + 9,
            },
            credit_notes: { count: 0, total: 0 },
          },
        })
        const kinds = Object.fromEntries(
          reconciliation.documents.map(
            (d: {
              kind: string
              invoice_id: string | null
              salesforce_id: string
            }) => [d.invoice_id ?? d.salesforce_id, d]
          )
        )
        expect(Object.keys(kinds).sort()).toEqual(
          [deleted.id, changed.id, missing.id, byHand].sort()
        )
        expect(kinds[missing.id]).toEqual(
          expect.objectContaining({
            kind: "missing_in_salesforce",
            fixable: true,
          })
        )
        expect(kinds[changed.id]).toEqual(
          expect.objectContaining({
            kind: "total_differs",
            medusa_total: Number(changed.total),
            salesforce_total: 1,
            fixable: true,
          })
        )
        expect(kinds[deleted.id]).toEqual(
          expect.objectContaining({
            kind: "deleted_in_salesforce",
            salesforce_id: deletedId,
            in_recycle_bin: true,
            fixable: true,
          })
        )
        expect(kinds[byHand]).toEqual(
          expect.objectContaining({
            kind: "unknown_to_medusa",
            number: "BY-HAND-1",
            fixable: false,
          })
        )

        // "Resync these": the existing bulk sync, with the documents Medusa can fix.
        const fixable = reconciliation.documents
          .filter((d: { fixable: boolean }) => d.fixable)
          .map((d: { invoice_id: string }) => d.invoice_id)
        const resync = await bulkSync(fixable)
        expect(
          resync.results.every((r: { status: string }) => r.status === "synced")
        ).toBe(true)
        const after = (await api.get(url, asAdmin)).data.reconciliation
        expect(after.documents.map((d: { kind: string }) => d.kind)).toEqual([
          "unknown_to_medusa",
        ])
      })

      it("agrees when both sides hold the same documents, with one query", async () => {
        const { invoice } = await newInvoice()
        await bulkSync([invoice.id])
        const { reconciliation } = (
          await api.get(
            `/admin/salesforce/reconciliation?from=${today()}&to=${today()}`,
            asAdmin
          )
        ).data
        expect(reconciliation.days).toEqual([
          expect.objectContaining({ date: today(), status: "agree" }),
        ])
        expect(reconciliation.documents).toEqual([])
        expect(reconciliation.salesforce_queries).toBe(1)
      })
    })

    describe("sync health", () => {
      it("answers 30 days of synced and failed documents and the backlog in one call", async () => {
        const anonymous = await expectFailure(
          api.get("/admin/salesforce/sync-health")
        )
        expect(anonymous.status).toBe(401)

        const good = await newInvoice()
        const bad = await newInvoice({ sku: "Y".repeat(120) })
        await newInvoice() // never sent
        await bulkSync([good.invoice.id, bad.invoice.id])
        await bulkSync([bad.invoice.id]) // failing twice the same day counts once

        const { health } = (
          await api.get("/admin/salesforce/sync-health", asAdmin)
        ).data
        expect(health.days).toHaveLength(30)
        expect(health.days[29]).toEqual({ date: today(), synced: 1, failed: 1 })
        expect(health.days[0].date).toBe(daysAgo(29))
        expect(health.backlog).toEqual({
          queued: 0,
          not_synced: 1,
          failed: 1,
          outdated: 0,
          total: 2,
        })
      })
    })

    describe("alerts", () => {
      const feed = async (prefix: string) => {
        const notifications = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ channel: "feed" })
        // The notification model stores idempotency_key; its DTO type leaves it out.
        return notifications.filter((n) =>
          String(
            (n as { idempotency_key?: string }).idempotency_key ?? ""
          ).startsWith(prefix)
        )
      }
      const exactly = (prefix: string, n: number) =>
        eventually(async () => {
          const found = await feed(prefix)
          return found.length === n ? found : undefined
        })

      it("notifies once for a run with failures, never for a clean run, and not again for the same run", async () => {
        const bad = await newInvoice({ sku: "Y".repeat(120) })
        const { run_id } = await bulkSync([bad.invoice.id])
        const [notification] = await exactly(`msi-alert:run:${run_id}`, 1)
        expect(notification).toEqual(
          expect.objectContaining({
            template: "admin-ui",
            channel: "feed",
            data: expect.objectContaining({
              title: "Salesforce sync: 1 of 1 document(s) failed",
              description: expect.stringContaining(
                `/app/invoices/sync-log/runs/${run_id}`
              ),
            }),
          })
        )
        // The same event delivered again (events are at least once) changes nothing.
        await sendSyncAlertWorkflow(getContainer()).run({
          input: { kind: "run_finished", data: { id: run_id } },
        })
        expect(await feed(`msi-alert:run:${run_id}`)).toHaveLength(1)

        const good = await newInvoice()
        const clean = await bulkSync([good.invoice.id])
        await sendSyncAlertWorkflow(getContainer()).run({
          input: { kind: "run_finished", data: { id: clean.run_id } },
        })
        expect(await feed(`msi-alert:run:${clean.run_id}`)).toHaveLength(0)
      })

      it("notifies once when syncing pauses for the daily limit, however many runs hit it", async () => {
        const first = await newInvoice()
        const second = await newInvoice()
        sf.emu.setApiUsage({ used: 100000, max: 100000 })
        await bulkSync([first.invoice.id, second.invoice.id])
        const [paused] = await exactly("msi-alert:paused:", 1)
        expect(paused.data).toEqual(
          expect.objectContaining({
            title: "Salesforce sync paused",
            description: expect.stringContaining("/app/settings/salesforce"),
          })
        )
        const service: SalesforceModuleService =
          getContainer().resolve(SALESFORCE_MODULE)
        // Still paused: a second hit of the limit is no change of state.
        expect(await service.pauseSync(new Date(Date.now() + 3600_000))).toBe(
          false
        )
        expect(await feed("msi-alert:paused:")).toHaveLength(1)
      })

      it("notifies once when the connection starts failing, not for every run while it fails", async () => {
        const invoice = await newInvoice()
        sf.emu.expireTokens()
        sf.emu.injectFault({
          method: "POST",
          path: "/services/oauth2/token",
          status: 400,
          errorCode: "invalid_client",
          count: 100,
        })
        const service: SalesforceModuleService =
          getContainer().resolve(SALESFORCE_MODULE)
        service.resetConnection()
        const first = await bulkSync([invoice.invoice.id])
        const [failing] = await exactly("msi-alert:connection:", 1)
        expect(failing.data).toEqual(
          expect.objectContaining({
            title: "Salesforce connection failing",
            description: expect.stringMatching(/invalid_client/),
          })
        )
        const second = await bulkSync([invoice.invoice.id])
        // Both runs failed and are notified; the connection only once.
        await exactly(`msi-alert:run:${first.run_id}`, 1)
        await exactly(`msi-alert:run:${second.run_id}`, 1)
        expect(await feed("msi-alert:connection:")).toHaveLength(1)
        expect(JSON.stringify(await feed(""))).not.toContain(
          sf.emu.clientSecret
        )
        service.resetConnection()
      })
    })
  },
})
