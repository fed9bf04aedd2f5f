import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Modules } from "@medusajs/framework/utils"
import { storeTestRunner } from "../helpers/runner"
import { adminHeaders } from "../helpers/admin"
import { eventually, expectFailure } from "../helpers/http"
import {
  captureOrderPayment,
  createRegion,
  placeTestOrder,
  refundPayment,
} from "../helpers/store"
import { placeOrder } from "../../scripts/demo/orders"

jest.setTimeout(180_000)

/** The PDF's text as Debian's pdftotext (poppler-utils) extracts it. */
function pdfText(pdf: Buffer): string {
  const file = path.join(
    os.tmpdir(),
    `invoice-${process.pid}-${Date.now()}.pdf`
  )
  fs.writeFileSync(file, pdf)
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"]).toString()
  } finally {
    fs.rmSync(file)
  }
}

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let regionId: string

    beforeEach(async () => {
      const container = getContainer()
      headers = (await adminHeaders(container)).headers
      regionId = (await createRegion(container)).id
    })

    const getPdf = (id: string) =>
      api.get(`/admin/invoices/${id}/pdf`, {
        headers,
        responseType: "arraybuffer",
      })

    it("answers the invoice as a PDF named after its number, with its text extractable", async () => {
      const order = await placeTestOrder(getContainer(), regionId)
      const { invoice } = (
        await api.post(`/admin/invoices`, { order_id: order.id }, { headers })
      ).data
      const res = await getPdf(invoice.id)
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toBe("application/pdf")
      expect(res.headers["content-disposition"]).toBe(
        `attachment; filename="${invoice.number}.pdf"`
      )
      expect(res.headers["x-invoice-pdf-missing-glyphs"]).toBeUndefined()
      const pdf = Buffer.from(res.data)
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-")
      const text = pdfText(pdf)
      for (const expected of [
        "INVOICE",
        invoice.number,
        `#${order.display_id}`,
        "Medusa Demo Store GmbH",
        "DE123456789",
        "Grace Hopper",
        "Mug",
        "10.50",
        "Standard",
        "30.25",
        "EUR",
      ]) {
        expect(text).toContain(expected)
      }
    })

    it("names the invoice a credit note corrects, and reports characters no font can show", async () => {
      const container = getContainer()
      const order = await placeOrder(container, {
        region_id: regionId,
        currency_code: "eur",
        email: "cjk@test.local",
        address: {
          first_name: "محمد",
          last_name: "راشد",
          address_1: "12 شارع الملك فهد",
          city: "Berlin",
          postal_code: "10115",
          country_code: "de",
        },
        items: [{ title: "茶杯", quantity: 1, unit_price: 20 }],
      })
      const payment = await captureOrderPayment(container, order.id)
      await refundPayment(container, payment.id, 5)
      const docs = await eventually(async () => {
        const { invoices } = (
          await api.get(`/admin/invoices?order_id=${order.id}`, { headers })
        ).data
        return invoices.length === 2 ? invoices : undefined
      })
      const invoice = docs.find((d: { type: string }) => d.type === "invoice")
      const note = docs.find((d: { type: string }) => d.type === "credit_note")

      const res = await getPdf(note.id)
      expect(res.headers["content-disposition"]).toContain(
        `filename="${note.number}.pdf"`
      )
      // The item title's two CJK characters: the bundled font has neither, and no fallback is configured.
      expect(res.headers["x-invoice-pdf-missing-glyphs"]).toBe("U+8336 U+676F")
      const text = pdfText(Buffer.from(res.data))
      expect(text).toContain("CREDIT NOTE")
      expect(text).toContain(`Corrects invoice`)
      expect(text).toContain(invoice.number)
      expect(text).toContain("5.00")
      // The Arabic name is drawn (and extractable) rather than dropped.
      expect(text).toMatch(/محمد|دمحم/)
    })

    it("prints the labels in the order's language, else the customer's; names and amounts stay as issued", async () => {
      const container = getContainer()
      const customers = container.resolve(Modules.CUSTOMER)
      const customer = await customers.createCustomers({
        email: "layla@test.local",
        metadata: { locale: "ar-SA" },
      })
      const order = await placeOrder(container, {
        region_id: regionId,
        currency_code: "eur",
        email: "layla@test.local",
        customer_id: customer.id,
        address: {
          first_name: "Grace",
          last_name: "Hopper",
          address_1: "Main 1",
          city: "Berlin",
          postal_code: "10115",
          country_code: "de",
        },
        items: [{ title: "Mug", quantity: 2, unit_price: 10.5 }],
      })
      const { invoice } = (
        await api.post(`/admin/invoices`, { order_id: order.id }, { headers })
      ).data
      const asIssued = [invoice.number, "Grace Hopper", "Mug", "10.50", "EUR"]

      // The customer's locale, while the order has none.
      let text = pdfText(Buffer.from((await getPdf(invoice.id)).data))
      expect(text).toMatch(/فاتورة|ةروتاف/)
      expect(text).not.toContain("INVOICE")
      for (const expected of asIssued) expect(text).toContain(expected)

      // The order's own locale comes first.
      await container
        .resolve(Modules.ORDER)
        .updateOrders(order.id, { metadata: { locale: "de-DE" } })
      text = pdfText(Buffer.from((await getPdf(invoice.id)).data))
      for (const expected of ["RECHNUNG", "Rechnungsnr.", "Bestellung"]) {
        expect(text).toContain(expected)
      }
      expect(text).not.toContain("INVOICE")
      for (const expected of asIssued) expect(text).toContain(expected)
    })

    it("answers 404 for an unknown invoice", async () => {
      const res = await expectFailure(getPdf("inv_missing"))
      expect(res.status).toBe(404)
    })
  },
})
