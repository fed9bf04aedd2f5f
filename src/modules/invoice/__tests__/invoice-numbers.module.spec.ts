import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { INVOICE_MODULE } from ".."
import Invoice from "../models/invoice"
import InvoiceComment from "../models/invoice-comment"
import InvoiceCounter from "../models/invoice-counter"
import InvoiceLine from "../models/invoice-line"
import InvoiceModuleService from "../service"
import type { CreateInvoiceDocumentInput } from "../types"

jest.setTimeout(60_000)

const doc = (
  source_key: string,
  type: CreateInvoiceDocumentInput["type"] = "invoice"
): CreateInvoiceDocumentInput => ({
  type,
  source_key,
  order_id: `order_${source_key}`,
  order_display_id: 1,
  currency_code: "usd",
  subtotal: "10.10",
  discount_total: 0,
  shipping_total: 0,
  tax_total: "0.101",
  total: "10.201",
  tax_breakdown: [],
  issued_at: new Date("2026-06-30T22:30:00Z"),
  lines: [
    {
      kind: "item",
      is_tax_inclusive: false,
      tax_rate: 1,
      title: "Line",
      quantity: 1,
      unit_price: "10.10",
      discount_total: 0,
      tax_total: "0.101",
      total: "10.201",
    },
  ],
})

moduleIntegrationTestRunner<InvoiceModuleService>({
  moduleName: INVOICE_MODULE,
  moduleModels: [Invoice, InvoiceLine, InvoiceComment, InvoiceCounter],
  resolve: "./src/modules/invoice",
  testSuite: ({ service }) => {
    it("numbers documents from one store-wide series without gaps or reuse", async () => {
      const [a, b] = await service.createInvoiceDocuments([doc("a"), doc("b")])
      await expect(
        service.createInvoiceDocuments([doc("c"), doc("a")])
      ).rejects.toMatchObject({
        type: "conflict",
        message: expect.stringContaining("source_key: a, already exists"),
      })
      const [d] = await service.createInvoiceDocuments([doc("d")])

      expect(a.number).toMatch(/^INV-\d{6}$/)
      const seq = (n: string) => Number(n.slice(4))
      expect(seq(b.number)).toBe(seq(a.number) + 1)
      // The failed call rolled its numbers back with everything else: the series has no gap.
      expect(seq(d.number)).toBe(seq(b.number) + 1)
      // The failed call left nothing behind, not even its valid document "c".
      const all = await service.listInvoices({}, { select: ["source_key"] })
      expect(all.map((i) => i.source_key).sort()).toEqual(["a", "b", "d"])
    })

    it("numbers credit notes in their own CN- series, apart from invoices", async () => {
      const created = await service.createInvoiceDocuments([
        doc("i1"),
        doc("c1", "credit_note"),
        doc("i2"),
        doc("c2", "credit_note"),
      ])
      expect(created.map((d) => d.number)).toEqual([
        "INV-000001",
        "CN-000001",
        "INV-000002",
        "CN-000002",
      ])
      const [next] = await service.createInvoiceDocuments([
        doc("c3", "credit_note"),
      ])
      expect(next.number).toBe("CN-000003")
    })

    it("dates documents with the calendar date in UTC by default", async () => {
      const [created] = await service.createInvoiceDocuments([doc("date")])
      expect(created.issue_date).toBe("2026-06-30")
    })

    it("gives concurrent creators distinct consecutive numbers", async () => {
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          service.createInvoiceDocuments([doc(`p${i}`), doc(`q${i}`)])
        )
      )
      const seqs = created
        .flat()
        .map((i) => Number(i.number.slice(4)))
        .sort((x, y) => x - y)
      expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => seqs[0] + i))
    })

    it("stores amounts exactly", async () => {
      const [created] = await service.createInvoiceDocuments([doc("exact")])
      const [invoice] = await service.listInvoices(
        { id: created.id },
        { relations: ["lines"] }
      )
      expect(invoice.raw_total).toEqual(
        expect.objectContaining({ value: "10.201" })
      )
      expect(invoice.lines[0].raw_tax_total).toEqual(
        expect.objectContaining({ value: "0.101" })
      )
    })
  },
})
