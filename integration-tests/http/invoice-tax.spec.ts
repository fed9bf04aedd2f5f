import { storeTestRunner } from "../helpers/runner"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import {
  beginReturnOrderWorkflow,
  confirmReturnRequestWorkflow,
  requestItemReturnWorkflow,
} from "@medusajs/medusa/core-flows"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { createCreditNotesWorkflow } from "../../src/workflows/invoice"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/http"
import {
  captureOrderPayment,
  placeOrder,
  refundPayment,
} from "../../scripts/demo/orders"
import {
  createPercentOff,
  createProducts,
  createTaxedRegion,
  medusaTotals,
} from "../helpers/tax"

jest.setTimeout(240_000)

type Doc = {
  id: string
  number: string
  type: string
  total: number
  tax_total: number
  original_invoice_id: string | null
  tax_breakdown: { rate: string; taxable_base: string; tax_amount: string }[]
  lines: {
    kind: string
    line_item_id: string | null
    tax_rate: number
    tax_total: number
    total: number
  }[]
}

/** Medusa's unrounded amount in the currency's minor unit, rounded half up: what a document must show. */
const round = (value: unknown, decimals = 2) =>
  MathBN.convert(value as number)
    .decimalPlaces(decimals, 4)
    .toNumber()
const sum = (values: unknown[]) =>
  MathBN.convert(MathBN.sum(0, ...(values as number[]))).toNumber()

const address = (country_code: string) => ({
  first_name: "Grace",
  last_name: "Hopper",
  address_1: "Main 1",
  city: "Berlin",
  postal_code: "10115",
  country_code,
})

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let products: Record<string, { product_id: string; variant_id: string }>

    beforeEach(async () => {
      const container = getContainer()
      headers = (await adminHeaders(container)).headers
      products = await createProducts(container, ["Shirt", "Book"])
    })

    const documentsOf = async (orderId: string): Promise<Doc[]> => {
      const { invoices } = (
        await api.get(`/admin/invoices?order_id=${orderId}&limit=50`, {
          headers,
        })
      ).data
      return Promise.all(
        invoices.map(
          async (i: { id: string }) =>
            (await api.get(`/admin/invoices/${i.id}`, { headers })).data.invoice
        )
      )
    }
    const invoiceOf = (orderId: string) =>
      eventually(async () =>
        (await documentsOf(orderId)).find((d) => d.type === "invoice")
      )

    async function germanOrder(container: MedusaContainer) {
      const region = await createTaxedRegion(container, {
        name: "Germany",
        currency_code: "eur",
        country: "de",
        rate: 19,
        reducedRate: 7,
        reducedProductIds: [products.Book.product_id],
      })
      await createPercentOff(container, "TEN", 10)
      return placeOrder(container, {
        region_id: region.id,
        currency_code: "eur",
        email: "grace@test.local",
        address: address("de"),
        items: [
          {
            title: "Shirt",
            variant_id: products.Shirt.variant_id,
            quantity: 3,
            unit_price: 19.99,
          },
          {
            title: "Book",
            variant_id: products.Book.variant_id,
            quantity: 2,
            unit_price: 12.95,
          },
        ],
        shipping: { name: "Standard", amount: 4.95 },
        promo_codes: ["TEN"],
      })
    }

    it("invoices mixed rates, a discount and shipping with Medusa's totals and tax, per line and per rate", async () => {
      const container = getContainer()
      const order = await germanOrder(container)
      const medusa = await medusaTotals(container, order.id)
      // The order really is taxed at two rates and discounted.
      expect(medusa.items.map((i) => i.tax_lines[0]?.rate).sort()).toEqual([
        19, 7,
      ])
      expect(Number(medusa.discount_total)).toBeGreaterThan(0)
      await captureOrderPayment(container, order.id)
      const invoice = await invoiceOf(order.id)

      expect(Number(invoice.total)).toBe(round(medusa.total))
      expect(Number(invoice.tax_total)).toBe(round(medusa.tax_total))
      for (const item of medusa.items) {
        const line = invoice.lines.find((l) => l.line_item_id === item.id)!
        expect(Number(line.tax_rate)).toBe(item.tax_lines[0].rate)
        // Each line is Medusa's amount to the cent (a rounding cent may move to another line, never more).
        expect(Math.abs(Number(line.total) - round(item.total))).toBeLessThan(
          0.011
        )
      }
      const shipping = invoice.lines.find((l) => l.kind === "shipping")!
      expect(Number(shipping.tax_rate)).toBe(19)
      expect(Number(shipping.total)).toBe(round(medusa.shipping_total))
      // Tax per rate: each rate's base and tax from Medusa's lines at that rate.
      const at = (rate: number) => [
        ...medusa.items.filter((i) => i.tax_lines[0].rate === rate),
        ...medusa.shipping_methods.filter((s) => s.tax_lines[0]?.rate === rate),
      ]
      expect(
        invoice.tax_breakdown.map((t) => [
          t.rate,
          Number(t.tax_amount),
          Number(t.taxable_base),
        ])
      ).toEqual(
        [19, 7].map((rate) => [
          String(rate),
          round(sum(at(rate).map((l) => l.tax_total))),
          round(sum(at(rate).map((l) => MathBN.sub(l.total, l.tax_total)))),
        ])
      )
      expect(invoice.number).toMatch(/^INV-\d{6}$/)
    })

    it("credits a return at its invoiced price and tax, a refund without items in proportion, and never more than the invoice", async () => {
      const container = getContainer()
      const order = await germanOrder(container)
      const before = await medusaTotals(container, order.id)
      const payment = await captureOrderPayment(container, order.id)
      const invoice = await invoiceOf(order.id)

      // A return of one book and one shirt, then its refund: Medusa's value of those items.
      const book = before.items.find((i) => i.tax_lines[0].rate === 7)!
      const shirt = before.items.find((i) => i.tax_lines[0].rate === 19)!
      // Items must be fulfilled before they can be returned; the order module records that directly, which spares
      // the test a stock location and fulfillment provider it does not care about.
      await container.resolve(Modules.ORDER).registerFulfillment({
        order_id: order.id,
        items: before.items.map((i) => ({ id: i.id, quantity: i.quantity })),
      })
      const { result: ret } = await beginReturnOrderWorkflow(container).run({
        input: { order_id: order.id },
      })
      await requestItemReturnWorkflow(container).run({
        input: {
          return_id: ret.return_id!,
          items: [
            { id: book.id, quantity: 1 },
            { id: shirt.id, quantity: 1 },
          ],
        },
      })
      await confirmReturnRequestWorkflow(container).run({
        input: { return_id: ret.return_id! },
      })
      const perUnit = (i: typeof book, field: "total" | "tax_total") =>
        MathBN.div(i[field], i.quantity)
      const returnedTotal = round(
        sum([perUnit(book, "total"), perUnit(shirt, "total")])
      )
      const returnedTax = round(
        sum([perUnit(book, "tax_total"), perUnit(shirt, "tax_total")])
      )
      await refundPayment(container, payment.id, returnedTotal, "return")
      const forReturn = await eventually(async () =>
        (await documentsOf(order.id)).find((d) => d.type === "credit_note")
      )
      expect(forReturn.number).toMatch(/^CN-\d{6}$/)
      expect(forReturn.original_invoice_id).toBe(invoice.id)
      expect(Number(forReturn.total)).toBe(returnedTotal)
      expect(Number(forReturn.tax_total)).toBe(returnedTax)
      expect(
        forReturn.lines.map((l) => [l.line_item_id, Number(l.tax_rate)]).sort()
      ).toEqual(
        [
          [book.id, 7],
          [shirt.id, 19],
        ].sort()
      )

      // A goodwill refund without items: split over what is left, shipping included, tax at each rate.
      await refundPayment(container, payment.id, 10, "goodwill")
      const goodwill = await eventually(async () => {
        const notes = (await documentsOf(order.id)).filter(
          (d) => d.type === "credit_note"
        )
        return notes.length === 2
          ? notes.find((n) => n.id !== forReturn.id)
          : undefined
      })
      expect(Number(goodwill.total)).toBe(10)
      expect(sum(goodwill.lines.map((l) => l.total))).toBe(10)
      expect(goodwill.lines.map((l) => l.kind)).toContain("shipping")
      expect(goodwill.tax_breakdown.map((t) => t.rate)).toEqual(["19", "7"])
      for (const line of goodwill.lines) {
        // The tax reversed on a line is that line's rate applied to its net amount, to the cent.
        const net = Number(line.total) - Number(line.tax_total)
        expect(
          Math.abs(Number(line.tax_total) - (net * Number(line.tax_rate)) / 100)
        ).toBeLessThan(0.011)
      }

      // The rest of the payment, then more than is left: the credit notes stop at the invoice's total and tax.
      const left = round(Number(invoice.total) - returnedTotal - 10)
      await refundPayment(container, payment.id, left, "rest")
      const notes = await eventually(async () => {
        const found = (await documentsOf(order.id)).filter(
          (d) => d.type === "credit_note"
        )
        return found.length === 3 ? found : undefined
      })
      expect(sum(notes.map((n) => n.total))).toBe(Number(invoice.total))
      expect(sum(notes.map((n) => n.tax_total))).toBe(Number(invoice.tax_total))
      const numbers = notes.map((n) => Number(n.number.slice(3))).sort()
      expect(numbers).toEqual([numbers[0], numbers[0] + 1, numbers[0] + 2])
    })

    it("invoices tax-inclusive prices at the shelf price, with the tax Medusa took out of it", async () => {
      const container = getContainer()
      const region = await createTaxedRegion(container, {
        name: "France",
        currency_code: "eur",
        country: "fr",
        rate: 19,
        reducedRate: 7,
        reducedProductIds: [products.Book.product_id],
        taxInclusive: true,
      })
      const order = await placeOrder(container, {
        region_id: region.id,
        currency_code: "eur",
        email: "incl@test.local",
        address: address("fr"),
        items: [
          {
            title: "Shirt",
            variant_id: products.Shirt.variant_id,
            quantity: 3,
            unit_price: 19.99,
            is_tax_inclusive: true,
          },
          {
            title: "Book",
            variant_id: products.Book.variant_id,
            quantity: 1,
            unit_price: 12.95,
            is_tax_inclusive: true,
          },
        ],
        shipping: { name: "Standard", amount: 4.95, is_tax_inclusive: true },
      })
      const medusa = await medusaTotals(container, order.id)
      await captureOrderPayment(container, order.id)
      const invoice = await invoiceOf(order.id)
      // 3 x 19.99 + 12.95 + 4.95 = 77.87 is what the customer pays; the tax is inside it.
      expect(Number(invoice.total)).toBe(77.87)
      expect(Number(invoice.total)).toBe(round(medusa.total))
      expect(Number(invoice.tax_total)).toBe(round(medusa.tax_total))
      expect(Number(invoice.tax_total)).toBeGreaterThan(0)
    })

    it("keeps JPY in whole yen and KWD in fils", async () => {
      const container = getContainer()
      for (const [currency, country, rate, price, decimals, expected] of [
        // 3 x 1980 + 500 shipping, 10 %: 644 tax, 7084 in all.
        ["jpy", "jp", 10, 1980, 0, { total: 7084, tax: 644 }],
        // 3 x 1.235 + 0.500 shipping, 5 %: 0.21025 tax -> 0.210, 4.41525 -> 4.415.
        ["kwd", "kw", 5, 1.235, 3, { total: 4.415, tax: 0.21 }],
      ] as const) {
        const region = await createTaxedRegion(container, {
          name: currency,
          currency_code: currency,
          country,
          rate,
        })
        const order = await placeOrder(container, {
          region_id: region.id,
          currency_code: currency,
          email: `${currency}@test.local`,
          address: address(country),
          items: [
            {
              title: "Shirt",
              variant_id: products.Shirt.variant_id,
              quantity: 3,
              unit_price: price,
            },
          ],
          shipping: {
            name: "Standard",
            amount: currency === "jpy" ? 500 : 0.5,
          },
        })
        const medusa = await medusaTotals(container, order.id)
        await captureOrderPayment(container, order.id)
        const invoice = await invoiceOf(order.id)
        expect([Number(invoice.total), Number(invoice.tax_total)]).toEqual([
          round(medusa.total, decimals),
          round(medusa.tax_total, decimals),
        ])
        expect([Number(invoice.total), Number(invoice.tax_total)]).toEqual([
          expected.total,
          expected.tax,
        ])
      }
    })

    it("invoices an order refunded before its invoice exists, then credits the refund against it", async () => {
      const container = getContainer()
      const order = await germanOrder(container)
      const payment = await captureOrderPayment(container, order.id)
      const invoice = await invoiceOf(order.id)
      // Simulate the refund arriving first: remove the invoice, refund, and let only the refund's workflow run.
      const invoices: InvoiceModuleService = container.resolve(INVOICE_MODULE)
      await invoices.deleteInvoices(invoice.id)
      await refundPayment(container, payment.id, 5)
      await createCreditNotesWorkflow(container).run({
        input: { payment_id: payment.id },
      })
      const docs = await eventually(async () => {
        const found = await documentsOf(order.id)
        return found.length === 2 ? found : undefined
      })
      const recreated = docs.find((d) => d.type === "invoice")!
      const note = docs.find((d) => d.type === "credit_note")!
      expect(note.original_invoice_id).toBe(recreated.id)
      expect(Number(note.total)).toBe(5)
      // The invoice is for the whole order, not lowered by the refund.
      expect(Number(recreated.total)).toBe(Number(invoice.total))
    })
  },
})
