import { storeTestRunner } from "../helpers/runner"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { InvoiceEvents } from "../../src/workflows/invoice/events"
import { deliverEvent } from "../helpers/events"
import { eventually, expectFailure } from "../helpers/http"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"
import {
  captureOrderPayment,
  createRegion,
  placeTestOrder,
  refundPayment,
} from "../helpers/store"

jest.setTimeout(120_000)

const sf = useSalesforceEmulator()

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const store = useSyncTest({ api, getContainer }, sf)
    const { asAdmin, newInvoice } = store

    const settings = (body: Record<string, boolean>) =>
      api.post("/admin/salesforce/settings", body, asAdmin)
    const invoiceOf = async (orderId: string, type = "invoice") =>
      (
        await api.get(`/admin/invoices?order_id=${orderId}`, asAdmin)
      ).data.invoices.find((i: { type: string }) => i.type === type)

    describe("settings", () => {
      it("starts all off, updates partially and rejects unknown fields and non-booleans", async () => {
        expect(
          (await api.get("/admin/salesforce/settings", asAdmin)).data.settings
        ).toEqual({
          enabled: false,
          automatic_sync: false,
          sync_notes: false,
          attach_pdf: false,
          api_budget_percent: 50,
          api_usage: null,
          pause: null,
        })
        expect(
          (await settings({ automatic_sync: true })).data.settings
        ).toEqual({
          enabled: false,
          automatic_sync: true,
          sync_notes: false,
          attach_pdf: false,
          api_budget_percent: 50,
          api_usage: null,
          pause: null,
        })
        const extra = await expectFailure(
          settings({ enabled: true, secret: true } as never)
        )
        expect(extra.status).toBe(400)
        expect(extra.data.message).toContain("secret")
        const text = await expectFailure(
          api.post("/admin/salesforce/settings", { enabled: "yes" }, asAdmin)
        )
        expect(text.status).toBe(400)
        expect(text.data.message).toContain("enabled")
        expect(
          (await api.get("/admin/salesforce/settings", asAdmin)).data.settings
            .enabled
        ).toBe(false)
      })

      it("shows the connection without any secret", async () => {
        // Test connection asks the org who we are; the GET then answers what the test stored (salesforce-reads.spec.ts).
        const test = await api.post(
          "/admin/salesforce/connection/test",
          {},
          asAdmin
        )
        expect(test.data.ok).toBe(true)
        expect(test.data.connection).toEqual(
          expect.objectContaining({
            configured: true,
            status: "connected",
            instance_url: sf.emu.url,
            org_id: sf.emu.orgId,
            username: sf.emu.username,
            api_version: "62.0",
            auth_flow: "client_credentials",
            api_usage: expect.objectContaining({
              used: expect.any(Number),
              limit: expect.any(Number),
            }),
          })
        )
        const { data } = await api.get("/admin/salesforce/connection", asAdmin)
        expect(data.connection).toEqual(
          expect.objectContaining({
            configured: true,
            status: "connected",
            api_version: "62.0",
            auth_flow: "client_credentials",
            checked_at: test.data.connection.checked_at,
          })
        )
        expect(JSON.stringify([data, test.data])).not.toContain(
          sf.emu.clientSecret
        )
      })
    })

    describe("while sync is disabled", () => {
      it("answers 409 on every manual sync route and sends nothing", async () => {
        const { invoice, order } = await newInvoice()
        sf.emu.resetRequestLog()
        const calls = [
          api.post(
            `/admin/invoices/${invoice.id}/salesforce-sync`,
            {},
            asAdmin
          ),
          api.post(
            `/admin/invoices/salesforce-sync`,
            { invoice_ids: [invoice.id] },
            asAdmin
          ),
          api.post(
            `/admin/salesforce/sync-orders`,
            { order_numbers: [String(order.display_id)] },
            asAdmin
          ),
          api.post(`/admin/salesforce/catch-up`, {}, asAdmin),
        ]
        for (const res of await Promise.all(calls.map(expectFailure))) {
          expect(res.status).toBe(409)
          expect(res.data.message).toMatch(
            /Invoice synchronization is disabled/
          )
        }
        expect(sf.emu.requestLog().total).toBe(0)
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)
      })
    })

    describe("automatic sync", () => {
      it("pushes a new invoice with its lines and customer when both toggles are on", async () => {
        await settings({ enabled: true, automatic_sync: true })
        const order = await placeTestOrder(
          getContainer(),
          store.regionId,
          "auto@test.local"
        )
        await captureOrderPayment(getContainer(), order.id)

        const synced = await eventually(async () => {
          const i = await invoiceOf(order.id)
          return i?.sync_status === "synced" ? i : undefined
        })
        expect(synced.salesforce_id).toMatch(/^[a-zA-Z0-9]{18}$/)
        expect(synced.salesforce_url).toBe(
          `${sf.emu.url}/lightning/r/Medusa_Invoice__c/${synced.salesforce_id}/view`
        )

        const [record] = sf.emu.records("Medusa_Invoice__c")
        expect(record).toEqual(
          expect.objectContaining({
            Id: synced.salesforce_id,
            Medusa_Id__c: synced.id,
            Name: synced.number,
            Customer_Email__c: "auto@test.local",
            Total__c: 30.25,
            Document_Type__c: "Invoice",
          })
        )
        const lines = sf.emu.records("Medusa_Invoice_Line__c")
        expect(
          lines.map((l) => [l.SKU__c, l.Quantity__c, l.Invoice__c]).sort()
        ).toEqual([
          // The shipping line (no SKU) sorts first.
          [null, 1, synced.salesforce_id],
          ["MUG-1", 2, synced.salesforce_id],
          ["STK-1", 1, synced.salesforce_id],
        ])
        const contacts = sf.emu.records("Contact")
        expect(contacts).toHaveLength(1)
        expect(record.Contact__c).toBe(contacts[0].Id)
      })

      it("sends invoices created together in one automatic run", async () => {
        await settings({ enabled: true, automatic_sync: true })
        const orders = await Promise.all(
          [1, 2, 3].map((i) =>
            placeTestOrder(
              getContainer(),
              store.regionId,
              `burst${i}@test.local`
            )
          )
        )
        await api.post("/admin/salesforce/connection/test", {}, asAdmin)
        sf.emu.resetRequestLog()
        // "Together" as a condition, not a clock: a drain claims only once all three are queued, however long
        // their creation takes on a busy machine (the batching window is what makes that so in production).
        const salesforce: SalesforceModuleService =
          getContainer().resolve(SALESFORCE_MODULE)
        const claim = salesforce.claimOutboxWork.bind(salesforce)
        const held = jest
          .spyOn(salesforce, "claimOutboxWork")
          .mockImplementation(async (...args) => {
            await eventually(async () =>
              (await salesforce.listSyncOutboxEntries({ status: "pending" }))
                .length >= 3
                ? true
                : undefined
            )
            return claim(...args)
          })
        await Promise.all(
          orders.map((o) =>
            api.post("/admin/invoices", { order_id: o.id }, asAdmin)
          )
        )
        // Wait for our side to record the results, not only for Salesforce to hold the records.
        await eventually(async () => {
          const { invoices } = (
            await api.get("/admin/invoices?sync_status=synced", asAdmin)
          ).data
          return invoices.length === 3 ? true : undefined
        })
        held.mockRestore()
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(3)
        const { runs } = (
          await api.get(
            "/admin/salesforce/sync-runs?trigger=automatic",
            asAdmin
          )
        ).data
        // Three invoices one by one would be three runs of five calls each.
        expect(runs.length).toBeLessThan(3)
        expect(
          runs.reduce((n: number, r: { total: number }) => n + r.total, 0)
        ).toBe(3)
        expect(sf.emu.requestLog().total).toBeLessThan(15)
      })

      it("does nothing with automatic sync off, or with sync disabled", async () => {
        await settings({ enabled: true, automatic_sync: false })
        const order = await placeTestOrder(getContainer(), store.regionId)
        await captureOrderPayment(getContainer(), order.id)
        await eventually(async () =>
          (await invoiceOf(order.id)) ? true : undefined
        )
        await settings({ enabled: false, automatic_sync: true })
        const other = await placeTestOrder(getContainer(), store.regionId)
        await captureOrderPayment(getContainer(), other.id)
        const unsent = await eventually(async () => {
          const [first, second] = [
            await invoiceOf(order.id),
            await invoiceOf(other.id),
          ]
          return first && second ? [first, second] : undefined
        })
        // The automatic trigger, awaited: each invoice's "created" event has been through its subscribers.
        for (const invoice of unsent) {
          await deliverEvent(getContainer(), InvoiceEvents.CREATED, {
            id: invoice.id,
          })
          expect(
            await getContainer()
              .resolve<SalesforceModuleService>(SALESFORCE_MODULE)
              .listSyncOutboxEntries({ invoice_id: invoice.id })
          ).toEqual([])
        }
        expect(sf.emu.requestLog().total).toBe(0)
        expect((await invoiceOf(order.id)).sync_status).toBe("not_synced")
      })
    })

    describe("manual sync", () => {
      beforeEach(async () => {
        await settings({ enabled: true, automatic_sync: false })
      })

      it("syncs one invoice, and a second sync updates the same records", async () => {
        const { invoice } = await newInvoice()
        const first = (
          await api.post(
            `/admin/invoices/${invoice.id}/salesforce-sync`,
            {},
            asAdmin
          )
        ).data
        expect(first.result).toEqual(
          expect.objectContaining({
            invoice_id: invoice.id,
            number: invoice.number,
            status: "synced",
            error: null,
          })
        )
        const second = (
          await api.post(
            `/admin/invoices/${invoice.id}/salesforce-sync`,
            {},
            asAdmin
          )
        ).data
        expect(second.result.salesforce_id).toBe(first.result.salesforce_id)
        expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(1)
        // Two items and the shipping line.
        expect(sf.emu.records("Medusa_Invoice_Line__c")).toHaveLength(3)
        expect(sf.emu.records("Contact")).toHaveLength(1)
        const detail = (await api.get(`/admin/invoices/${invoice.id}`, asAdmin))
          .data.invoice
        expect(detail).toEqual(
          expect.objectContaining({
            sync_status: "synced",
            salesforce_id: first.result.salesforce_id,
          })
        )
      })

      it("removes from Salesforce the lines removed in Medusa", async () => {
        const { invoice } = await newInvoice()
        await api.post(
          `/admin/invoices/${invoice.id}/salesforce-sync`,
          {},
          asAdmin
        )
        // Two items and the shipping line.
        expect(sf.emu.records("Medusa_Invoice_Line__c")).toHaveLength(3)
        const invoices: InvoiceModuleService =
          getContainer().resolve(INVOICE_MODULE)
        const [line] = await invoices.listInvoiceLines({
          invoice_id: invoice.id,
          sku: "STK-1",
        })
        await invoices.deleteInvoiceLines(line.id)
        const { data } = await api.post(
          `/admin/invoices/${invoice.id}/salesforce-sync`,
          {},
          asAdmin
        )
        expect(data.result.status).toBe("synced")
        expect(
          sf.emu.records("Medusa_Invoice_Line__c").map((l) => l.SKU__c)
        ).toEqual(["MUG-1", null])
      })

      it("syncs in bulk in one composite call and answers each invoice", async () => {
        const invoices: { id: string }[] = []
        for (let i = 0; i < 3; i++)
          invoices.push(
            (await newInvoice({ email: `bulk${i}@test.local` })).invoice
          )
        // Log in first (the emulator was reset), so the count below is the sync's own calls.
        await api.post("/admin/salesforce/connection/test", {}, asAdmin)
        sf.emu.resetRequestLog()
        const { data } = await api.post(
          `/admin/invoices/salesforce-sync`,
          { invoice_ids: invoices.map((i) => i.id) },
          asAdmin
        )
        expect(
          data.results.map((r: { invoice_id: string; status: string }) => [
            r.invoice_id,
            r.status,
          ])
        ).toEqual(invoices.map((i) => [i.id, "synced"]))
        const log = sf.emu.requestLog().byEndpoint
        // One contact query, then accounts, contacts, invoices and lines in one composite request.
        expect(log).toEqual({
          "POST /composite": 1,
          "GET /query": 1,
        })
      })

      it("uses an existing contact with the customer's email instead of creating another", async () => {
        const accountId = sf.emu.insert("Account", { Name: "Existing Co" })
        const contactId = sf.emu.insert("Contact", {
          LastName: "Known",
          Email: "known@test.local",
          AccountId: accountId,
        })
        const { invoice } = await newInvoice({ email: "known@test.local" })
        await api.post(
          `/admin/invoices/${invoice.id}/salesforce-sync`,
          {},
          asAdmin
        )
        expect(sf.emu.records("Contact")).toHaveLength(1)
        expect(sf.emu.records("Medusa_Invoice__c")[0]).toEqual(
          expect.objectContaining({
            Contact__c: contactId,
            Account__c: accountId,
          })
        )
      })

      it("looks a customer up once: the next invoice of a known customer costs no query", async () => {
        const first = await newInvoice({ email: "again@test.local" })
        await api.post(
          `/admin/invoices/${first.invoice.id}/salesforce-sync`,
          {},
          asAdmin
        )
        const [contact] = sf.emu.records("Contact")
        sf.emu.resetRequestLog()
        const second = await newInvoice({ email: "again@test.local" })
        const { data } = await api.post(
          `/admin/invoices/${second.invoice.id}/salesforce-sync`,
          {},
          asAdmin
        )
        expect(data.result.status).toBe("synced")
        expect(sf.emu.requestLog().byEndpoint).toEqual({ "POST /composite": 1 })
        expect(sf.emu.records("Contact")).toHaveLength(1)
        const sent = sf.emu
          .records("Medusa_Invoice__c")
          .find((r) => r.Medusa_Id__c === second.invoice.id)!
        expect(sent.Contact__c).toBe(contact.Id)
      })

      it("sends a credit note after its original invoice, linked to it", async () => {
        const container = getContainer()
        const order = await placeTestOrder(container, store.regionId)
        const payment = await captureOrderPayment(container, order.id)
        await refundPayment(container, payment.id, 5)
        const creditNote = await eventually(() =>
          invoiceOf(order.id, "credit_note")
        )
        const { data } = await api.post(
          `/admin/invoices/${creditNote.id}/salesforce-sync`,
          {},
          asAdmin
        )
        expect(data.result.status).toBe("synced")
        const records = sf.emu.records("Medusa_Invoice__c")
        const original = records.find((r) => r.Document_Type__c === "Invoice")!
        const credit = records.find(
          (r) => r.Document_Type__c === "Credit Note"
        )!
        expect(credit.Original_Invoice__c).toBe(original.Id)
        expect(credit.Total__c).toBe(5)
      })

      it("fails one bad invoice without failing its batch-mates, in plain language", async () => {
        const good = (await newInvoice({ email: "good@test.local" })).invoice
        // SKU__c holds 100 characters in Salesforce; Medusa allows longer.
        const bad = (
          await newInvoice({ email: "bad@test.local", sku: "X".repeat(120) })
        ).invoice
        const { data } = await api.post(
          `/admin/invoices/salesforce-sync`,
          { invoice_ids: [good.id, bad.id] },
          asAdmin
        )
        const byId = Object.fromEntries(
          data.results.map((r: { invoice_id: string }) => [r.invoice_id, r])
        )
        expect(byId[good.id].status).toBe("synced")
        expect(byId[bad.id].status).toBe("failed")
        expect(byId[bad.id].error).toMatch(/SKU.*STRING_TOO_LONG/)
        const listed = await invoiceOf(bad.order_id)
        expect(listed).toEqual(
          expect.objectContaining({
            sync_status: "failed",
            sync_error: byId[bad.id].error,
          })
        )
        const failed = (
          await api.get(`/admin/invoices?sync_status=failed`, asAdmin)
        ).data.invoices
        expect(failed.map((i: { id: string }) => i.id)).toEqual([bad.id])
        const notSynced = (
          await api.get(`/admin/invoices?sync_status=not_synced`, asAdmin)
        ).data.invoices
        expect(notSynced.map((i: { id: string }) => i.id)).not.toContain(
          good.id
        )
      })

      it("answers 400 for bad bodies and 404 for unknown invoices", async () => {
        const none = await expectFailure(
          api.post(
            `/admin/invoices/salesforce-sync`,
            { invoice_ids: [] },
            asAdmin
          )
        )
        expect(none.status).toBe(400)
        expect(none.data.message).toContain("invoice_ids")
        const tooMany = await expectFailure(
          api.post(
            `/admin/invoices/salesforce-sync`,
            { invoice_ids: Array.from({ length: 501 }, (_, i) => `inv_${i}`) },
            asAdmin
          )
        )
        expect(tooMany.status).toBe(400)
        const unknown = await expectFailure(
          api.post(`/admin/invoices/inv_nope/salesforce-sync`, {}, asAdmin)
        )
        expect(unknown.status).toBe(404)
        const anonymous = await expectFailure(
          api.post(`/admin/invoices/inv_nope/salesforce-sync`, {})
        )
        expect(anonymous.status).toBe(401)
      })
    })
  },
})
