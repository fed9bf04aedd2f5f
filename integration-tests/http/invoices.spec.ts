import { storeTestRunner } from "../helpers/runner"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { createOrderInvoiceWorkflow } from "../../src/workflows/invoice"
import { adminHeaders } from "../helpers/admin"
import { deliverEvent } from "../helpers/events"
import { eventually, expectFailure } from "../helpers/http"
import {
  captureOrderPayment,
  createRegion,
  placeTestOrder,
  refundPayment,
} from "../helpers/store"

jest.setTimeout(180_000)

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let regionId: string

    beforeEach(async () => {
      const container = getContainer()
      headers = (await adminHeaders(container)).headers
      regionId = (await createRegion(container)).id
    })

    const invoicesOf = async (orderId: string) =>
      (await api.get(`/admin/invoices?order_id=${orderId}`, { headers })).data
        .invoices

    describe("automatic invoices", () => {
      it("issues the order's invoice with its lines and totals when the payment is captured", async () => {
        const container = getContainer()
        const order = await placeTestOrder(container, regionId)
        await captureOrderPayment(container, order.id)

        const [listed] = await eventually(async () => {
          const found = await invoicesOf(order.id)
          return found.length ? found : undefined
        })
        const { invoice } = (
          await api.get(`/admin/invoices/${listed.id}`, { headers })
        ).data

        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const {
          data: [o],
        } = await query.graph({
          entity: "order",
          fields: [
            "display_id",
            "item_subtotal",
            "shipping_total",
            "tax_total",
            "discount_total",
            "total",
          ],
          filters: { id: order.id },
        })
        expect(invoice).toEqual(
          expect.objectContaining({
            number: expect.stringMatching(/^INV-\d{6}$/),
            type: "invoice",
            order_id: order.id,
            order_display_id: o.display_id,
            customer_email: order.email,
            customer_name: "Grace Hopper",
            currency_code: "eur",
            original_invoice_id: null,
          })
        )
        // Totals are Medusa's own, and add up: 2 x 10.50 + 4.25 + 5.00 shipping.
        expect(Number(invoice.subtotal)).toBe(Number(o.item_subtotal))
        expect(Number(invoice.shipping_total)).toBe(Number(o.shipping_total))
        expect(Number(invoice.tax_total)).toBe(Number(o.tax_total))
        expect(Number(invoice.discount_total)).toBe(Number(o.discount_total))
        expect(Number(invoice.total)).toBe(Number(o.total))
        expect(Number(invoice.total)).toBe(30.25)
        expect(invoice.order).toEqual(
          expect.objectContaining({ id: order.id, display_id: o.display_id })
        )
        expect(
          invoice.lines.map((l: Record<string, unknown>) => [
            l.title,
            l.sku,
            Number(l.quantity),
            Number(l.unit_price),
            Number(l.total),
          ])
        ).toEqual(
          expect.arrayContaining([
            ["Mug", "MUG-1", 2, 10.5, 21],
            ["Sticker", "STK-1", 1, 4.25, 4.25],
          ])
        )
      })

      it("issues a credit note for a refund, linked to the invoice it corrects", async () => {
        const container = getContainer()
        const order = await placeTestOrder(container, regionId)
        const payment = await captureOrderPayment(container, order.id)
        const [invoice] = await eventually(async () => {
          const found = await invoicesOf(order.id)
          return found.length ? found : undefined
        })
        await refundPayment(container, payment.id, 7.5, "damaged mug")

        const creditNote = await eventually(async () =>
          (await invoicesOf(order.id)).find(
            (i: { type: string }) => i.type === "credit_note"
          )
        )
        expect(creditNote).toEqual(
          expect.objectContaining({
            original_invoice_id: invoice.id,
            order_id: order.id,
            currency_code: "eur",
          })
        )
        expect(Number(creditNote.total)).toBe(7.5)
        expect(creditNote.number).not.toBe(invoice.number)
      })

      it("creates nothing twice when the same event is handled again", async () => {
        const container = getContainer()
        const order = await placeTestOrder(container, regionId)
        const payment = await captureOrderPayment(container, order.id)
        await refundPayment(container, payment.id, 2)
        await eventually(async () =>
          (await invoicesOf(order.id)).length === 2 ? true : undefined
        )

        // Both events once more, waiting for their subscribers to finish.
        await Promise.all([
          deliverEvent(container, "payment.captured", { id: payment.id }),
          deliverEvent(container, "payment.refunded", { id: payment.id }),
        ])
        await createOrderInvoiceWorkflow(container).run({
          input: { order_id: order.id, if_exists: "skip" },
        })

        const documents = await invoicesOf(order.id)
        expect(documents.map((d: { type: string }) => d.type).sort()).toEqual([
          "credit_note",
          "invoice",
        ])
      })

      it("refuses a second document for the same source at the database level", async () => {
        const container = getContainer()
        const order = await placeTestOrder(container, regionId)
        // Two concurrent runs both pass the "already invoiced?" check; the unique key lets one win. Each run's
        // insert waits until the other's has arrived too, so both have passed the check before either writes.
        const invoices: InvoiceModuleService = container.resolve(INVOICE_MODULE)
        const original = invoices.createInvoiceDocuments.bind(invoices)
        const inserts: Promise<unknown>[] = []
        let bothArrived!: () => void
        const barrier = new Promise<void>((resolve) => (bothArrived = resolve))
        const spy = jest
          .spyOn(invoices, "createInvoiceDocuments")
          .mockImplementation(async (...args) => {
            const forThisOrder = args[0].some((d) => d.order_id === order.id)
            if (forThisOrder && inserts.length < 2) {
              const insert = barrier.then(() => original(...args))
              inserts.push(insert)
              if (inserts.length === 2) bothArrived()
              return insert
            }
            return original(...args)
          })
        try {
          const runs = [1, 2].map(() =>
            createOrderInvoiceWorkflow(container).run({
              input: { order_id: order.id, if_exists: "skip" },
            })
          )
          await eventually(async () =>
            inserts.length === 2 ? true : undefined
          )
          const results = await Promise.allSettled(runs)
          const outcomes = await Promise.allSettled(inserts)
          // Both runs got past the application's check; the database refused one insert as a conflict.
          expect(outcomes.map((o) => o.status).sort()).toEqual([
            "fulfilled",
            "rejected",
          ])
          const refused = outcomes.find((o) => o.status === "rejected") as
            PromiseRejectedResult | undefined
          expect(refused?.reason).toEqual(
            expect.objectContaining({ type: MedusaError.Types.CONFLICT })
          )
          expect(results.map((r) => r.status)).toEqual([
            "fulfilled",
            "fulfilled",
          ])
          expect(await invoicesOf(order.id)).toHaveLength(1)
        } finally {
          spy.mockRestore()
        }
      })
    })

    describe("POST /admin/invoices", () => {
      it("creates the invoice of an order that has none, then answers 409", async () => {
        const order = await placeTestOrder(getContainer(), regionId)
        const created = await api.post(
          `/admin/invoices`,
          { order_id: order.id },
          { headers }
        )
        expect(created.status).toBe(201)
        expect(created.data.invoice).toEqual(
          expect.objectContaining({ order_id: order.id, type: "invoice" })
        )
        // Two items and the shipping method.
        expect(created.data.invoice.lines).toHaveLength(3)

        const again = await expectFailure(
          api.post(`/admin/invoices`, { order_id: order.id }, { headers })
        )
        expect(again.status).toBe(409)
        expect(again.data.message).toContain(created.data.invoice.number)
        expect(await invoicesOf(order.id)).toHaveLength(1)
      })

      it("answers 404 for an unknown order and 400 for bad input", async () => {
        const missing = await expectFailure(
          api.post(
            `/admin/invoices`,
            { order_id: "order_missing" },
            { headers }
          )
        )
        expect(missing.status).toBe(404)

        const empty = await expectFailure(
          api.post(`/admin/invoices`, {}, { headers })
        )
        expect(empty.status).toBe(400)
        expect(empty.data.message).toContain("order_id")

        const extra = await expectFailure(
          api.post(`/admin/invoices`, { order_id: "x", total: 1 }, { headers })
        )
        expect(extra.status).toBe(400)
        expect(extra.data.message).toContain("total")
      })
    })

    describe("comments", () => {
      it("adds a comment signed by the admin, and validates its text", async () => {
        const order = await placeTestOrder(getContainer(), regionId)
        const { invoice } = (
          await api.post(`/admin/invoices`, { order_id: order.id }, { headers })
        ).data

        const res = await api.post(
          `/admin/invoices/${invoice.id}/comments`,
          { text: "Paid by wire" },
          { headers }
        )
        expect(res.status).toBe(201)
        expect(res.data.invoice.comments).toEqual([
          expect.objectContaining({
            text: "Paid by wire",
            author_name: "Ada Admin",
            created_at: expect.any(String),
          }),
        ])

        for (const text of ["", "x".repeat(4001)]) {
          const bad = await expectFailure(
            api.post(
              `/admin/invoices/${invoice.id}/comments`,
              { text },
              { headers }
            )
          )
          expect(bad.status).toBe(400)
          expect(bad.data.message).toContain("text")
        }
        const unknown = await expectFailure(
          api.post(
            `/admin/invoices/inv_missing/comments`,
            { text: "hello" },
            { headers }
          )
        )
        expect(unknown.status).toBe(404)
        const detail = (
          await api.get(`/admin/invoices/${invoice.id}`, { headers })
        ).data.invoice
        expect(detail.comments).toHaveLength(1)
      })
    })

    describe("GET /admin/invoices", () => {
      it("lists newest first with paging and filters", async () => {
        const container = getContainer()
        const orders: { id: string; display_id: number }[] = []
        for (let i = 0; i < 3; i++) {
          const order = await placeTestOrder(
            container,
            regionId,
            `list${i}@test.local`
          )
          await api.post(`/admin/invoices`, { order_id: order.id }, { headers })
          orders.push(order)
        }
        const page = (
          await api.get(`/admin/invoices?limit=2&offset=0`, { headers })
        ).data
        expect(page).toEqual(
          expect.objectContaining({ count: 3, offset: 0, limit: 2 })
        )
        expect(page.invoices).toHaveLength(2)
        expect(page.invoices[0].order_id).toBe(orders[2].id)
        const rest = (
          await api.get(`/admin/invoices?limit=2&offset=2`, { headers })
        ).data
        expect(
          rest.invoices.map((i: { order_id: string }) => i.order_id)
        ).toEqual([orders[0].id])

        const byEmail = (await api.get(`/admin/invoices?q=list1@`, { headers }))
          .data
        expect(
          byEmail.invoices.map((i: { order_id: string }) => i.order_id)
        ).toEqual([orders[1].id])

        const number = page.invoices[1].number
        const byNumber = (
          await api.get(`/admin/invoices?q=${number}`, { headers })
        ).data
        expect(
          byNumber.invoices.map((i: { number: string }) => i.number)
        ).toEqual([number])

        const byOrderNumber = (
          await api.get(`/admin/invoices?q=%23${orders[0].display_id}`, {
            headers,
          })
        ).data
        expect(
          byOrderNumber.invoices.map((i: { order_id: string }) => i.order_id)
        ).toEqual([orders[0].id])

        expect(
          (await api.get(`/admin/invoices?type=credit_note`, { headers })).data
            .count
        ).toBe(0)
        const future = new Date(Date.now() + 3_600_000).toISOString()
        expect(
          (
            await api.get(`/admin/invoices?created_at[$gte]=${future}`, {
              headers,
            })
          ).data.count
        ).toBe(0)
        expect(
          (
            await api.get(`/admin/invoices?created_at[$lte]=${future}`, {
              headers,
            })
          ).data.count
        ).toBe(3)
      })

      it("answers 400 naming the field for bad paging or filters", async () => {
        for (const [qs, field] of [
          ["limit=101", "limit"],
          ["limit=abc", "limit"],
          ["type=receipt", "type"],
        ]) {
          const res = await expectFailure(
            api.get(`/admin/invoices?${qs}`, { headers })
          )
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(field)
        }
      })

      it("answers 404 for an unknown invoice and 401 without a login", async () => {
        const missing = await expectFailure(
          api.get(`/admin/invoices/inv_missing`, { headers })
        )
        expect(missing.status).toBe(404)
        expect(missing.data.message).toContain("inv_missing")
        const anonymous = await expectFailure(api.get(`/admin/invoices`))
        expect(anonymous.status).toBe(401)
      })
    })
  },
})
