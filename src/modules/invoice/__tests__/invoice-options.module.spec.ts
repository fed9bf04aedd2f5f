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
  type: CreateInvoiceDocumentInput["type"]
): CreateInvoiceDocumentInput => ({
  type,
  source_key,
  order_id: "order_1",
  order_display_id: 1,
  currency_code: "eur",
  subtotal: 1,
  discount_total: 0,
  shipping_total: 0,
  tax_total: 0,
  total: 1,
  tax_breakdown: [],
  // 22:30 UTC on 30 June is already 1 July in Berlin (UTC+2 in summer).
  issued_at: new Date("2026-06-30T22:30:00Z"),
  lines: [],
})

moduleIntegrationTestRunner<InvoiceModuleService>({
  moduleName: INVOICE_MODULE,
  moduleModels: [Invoice, InvoiceLine, InvoiceComment, InvoiceCounter],
  resolve: "./src/modules/invoice",
  // The plugin hands each module all of its options; this module reads `invoices`.
  moduleOptions: {
    invoices: {
      numberPrefix: "RE-",
      creditNotePrefix: "GS-",
      numberDigits: 4,
      timeZone: "Europe/Berlin",
    },
  },
  testSuite: ({ service }) => {
    it("uses the configured prefixes, padding and time zone", async () => {
      const created = await service.createInvoiceDocuments([
        doc("a", "invoice"),
        doc("b", "credit_note"),
      ])
      expect(created.map((d) => [d.number, d.issue_date])).toEqual([
        ["RE-0001", "2026-07-01"],
        ["GS-0001", "2026-07-01"],
      ])
    })
  },
})
