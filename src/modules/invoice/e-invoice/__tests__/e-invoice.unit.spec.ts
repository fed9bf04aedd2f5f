import {
  embeddedFiles,
  en16931Problems,
  xmlErrors,
} from "../../../../../integration-tests/helpers/e-invoice"
import {
  invoiceFromOrder,
  type InvoiceableOrder,
} from "../../../../workflows/invoice/utils/invoice-documents"
import { renderInvoicePdf } from "../../pdf/render-invoice-pdf"
import type { EInvoiceOptions, InvoiceSeller } from "../../types"
import { buildEInvoice } from "../build-e-invoice"
import type { EInvoiceDocument } from "../e-invoice-document"
import { eInvoiceProblems } from "../e-invoice-problems"
import { renderCii, renderXRechnung } from "../render-e-invoice"
import { REVERSE_CHARGE_NOTE } from "../tax-category"

const seller: InvoiceSeller = {
  name: "Demo Store",
  legalName: "Demo Store GmbH",
  street: "Hauptstraße 1",
  postalCode: "10115",
  city: "Berlin",
  countryCode: "DE",
  vatId: "DE123456789",
  taxNumber: "30/123/45678",
  iban: "DE89 3704 0044 0532 0130 00",
  paymentTerms: "Paid at checkout.",
  contact: {
    name: "Billing",
    phone: "+49 30 123456",
    email: "billing@demo.example",
  },
}

const buyer = {
  first_name: "Grace",
  last_name: "Hopper",
  address_1: "Main 1",
  city: "Hamburg",
  postal_code: "20095",
  country_code: "de",
}

const base = {
  type: "invoice",
  issue_date: "2026-12-01",
  order_display_id: 32,
  customer_name: "Grace Hopper",
  customer_email: "grace@example.com",
  billing_address: buyer,
}

/** The mixed 19 % / 7 % order of the invoice workflow's tests, with its 7 % line discounted. */
const mixedOrder: InvoiceableOrder = {
  id: "order_1",
  display_id: 42,
  email: "grace@example.com",
  currency_code: "eur",
  customer_id: "cus_1",
  customer: { first_name: "Grace", last_name: "Hopper" },
  billing_address: buyer,
  item_subtotal: "55.384957983193277311",
  discount_total: "1.07",
  items: [
    {
      id: "item_1",
      title: "Blue",
      product_title: "Mug",
      variant_title: "Blue",
      variant_sku: "MUG-B",
      quantity: 3,
      unit_price: 19.99,
      is_tax_inclusive: true,
      subtotal: "50.394957983193277311",
      discount_total: 0,
      tax_total: "9.575042016806722689",
      total: "59.97",
      tax_lines: [{ rate: 19 }],
    },
    {
      id: "item_2",
      title: "Book",
      variant_sku: null,
      quantity: 1,
      unit_price: 4.99,
      subtotal: 4.99,
      discount_total: "1.07",
      tax_total: "0.2793",
      total: "4.2693",
      tax_lines: [{ rate: 7 }],
    },
  ],
  shipping_methods: [
    {
      id: "sm_1",
      name: "Standard",
      amount: 4.95,
      subtotal: 4.95,
      discount_total: 0,
      tax_total: "0.9405",
      total: "5.8905",
      tax_lines: [{ rate: 19 }],
    },
  ],
}
const mixed = invoiceFromOrder(mixedOrder, new Date("2026-12-01T10:00:00Z"))

const line = (
  title: string,
  quantity: number,
  tax_rate: string,
  tax_total: string,
  total: string
) => ({ title, sku: null, quantity, tax_rate, tax_total, total })

const documents: Record<
  string,
  { doc: EInvoiceDocument; options?: EInvoiceOptions }
> = {
  "a mixed 19 % / 7 % invoice with a discount": {
    doc: {
      ...base,
      ...mixed,
      number: "INV-000042",
      billing_address: mixed.billing_address,
    } as EInvoiceDocument,
  },
  "a reverse-charge invoice to a French business": {
    doc: {
      ...base,
      number: "INV-000043",
      currency_code: "eur",
      billing_address: {
        company: "Hopper SARL",
        address_1: "1 rue de Rivoli",
        city: "Paris",
        postal_code: "75001",
        country_code: "fr",
        vat_id: "FR40303265045",
      },
      tax_total: "0",
      total: "104.95",
      tax_breakdown: [
        { rate: "0", taxable_base: "104.95", tax_amount: "0.00" },
      ],
      lines: [
        line("Mug", 5, "0", "0", "100.00"),
        line("Standard shipping", 1, "0", "0", "4.95"),
      ],
    },
  },
  "a JPY invoice (no minor unit)": {
    doc: {
      ...base,
      number: "INV-000044",
      currency_code: "jpy",
      tax_total: "123",
      total: "1357",
      tax_breakdown: [{ rate: "10", taxable_base: "1234", tax_amount: "123" }],
      lines: [
        line("Tea", 3, "10", "100", "1100"),
        line("Shipping", 1, "10", "23", "257"),
      ],
    },
  },
  "a KWD invoice (three decimals)": {
    doc: {
      ...base,
      number: "INV-000045",
      currency_code: "kwd",
      tax_total: "1.234",
      total: "13.579",
      tax_breakdown: [
        { rate: "10", taxable_base: "12.345", tax_amount: "1.234" },
      ],
      lines: [line("Dates", 3, "10", "1.234", "13.579")],
    },
  },
  "an exempt invoice (category E)": {
    doc: {
      ...base,
      number: "INV-000046",
      currency_code: "eur",
      tax_total: "0",
      total: "30.00",
      tax_breakdown: [{ rate: "0", taxable_base: "30.00", tax_amount: "0.00" }],
      lines: [line("Lesson", 1, "0", "0", "30.00")],
    },
    options: { exemptionReason: "Kleinunternehmer gemäß § 19 UStG" },
  },
  "a zero-rated invoice to a buyer outside the EU (category Z)": {
    doc: {
      ...base,
      number: "INV-000047",
      currency_code: "eur",
      billing_address: {
        ...buyer,
        city: "Zürich",
        postal_code: "8001",
        country_code: "ch",
      },
      tax_total: "0",
      total: "25.00",
      tax_breakdown: [{ rate: "0", taxable_base: "25.00", tax_amount: "0.00" }],
      lines: [line("Mug", 1, "0", "0", "25.00")],
    },
  },
  "a credit note": {
    doc: {
      ...base,
      type: "credit_note",
      number: "CN-000001",
      currency_code: "eur",
      tax_total: "3.19",
      total: "19.99",
      tax_breakdown: [
        { rate: "19", taxable_base: "16.80", tax_amount: "3.19" },
      ],
      lines: [line("Mug - Blue", 1, "19", "3.19", "19.99")],
      original_invoice: { number: "INV-000042", issue_date: "2026-11-30" },
    },
  },
}

describe("EN 16931 e-invoices", () => {
  describe.each(Object.entries(documents))("%s", (_, { doc, options }) => {
    const invoice = buildEInvoice(doc, seller, options ?? {})
    const creditNote = doc.type === "credit_note"

    it("can be issued: nothing is missing", () => {
      expect(eInvoiceProblems(doc, seller, "xrechnung")).toEqual([])
    })

    it("is well-formed XRechnung UBL that adds up (BR-CO-10..16, VAT per category)", async () => {
      const xml = await renderXRechnung(invoice)
      expect(xmlErrors(xml)).toBe("")
      const { problems, facts } = en16931Problems(xml)
      expect(problems).toEqual([])
      // The amount due is what the buyer paid, to the cent (EN 16931 states at most two decimals).
      expect(facts.payable).toBe(Math.round(Number(doc.total) * 100))
      expect(facts.root).toBe(creditNote ? "CreditNote" : "Invoice")
      expect(facts.typeCode).toBe(creditNote ? "381" : "380")
      expect(facts.precedingInvoice).toBe(doc.original_invoice?.number ?? null)
    })

    it("is ZUGFeRD / Factur-X: a PDF/A-3 carrying well-formed CII XML", async () => {
      const cii = await renderCii(invoice)
      expect(xmlErrors(cii)).toBe("")
      expect(cii).toContain("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>")
      const { pdf } = await renderInvoicePdf(
        {
          ...doc,
          subtotal: 0,
          discount_total: 0,
          lines: doc.lines.map((l) => ({
            ...l,
            unit_price: 0,
            is_tax_inclusive: false,
            discount_total: 0,
          })),
        },
        { seller, fallbackFont: null, facturXml: cii }
      )
      expect(embeddedFiles(pdf)).toEqual({ "factur-x.xml": cii })
      const head = pdf.toString("latin1")
      expect(head).toContain("<pdfaid:part>3</pdfaid:part>")
      expect(head).toContain(
        "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>"
      )
      expect(head).toMatch(/\/AFRelationship \/Alternative/)
    })
  })

  it("states the categories and the note each needs", async () => {
    const categories = async (name: string) => {
      const { doc, options } = documents[name]
      const { facts } = en16931Problems(
        await renderXRechnung(buildEInvoice(doc, seller, options ?? {}))
      )
      return {
        categories: facts.categories.map((c) => [c.code, c.rate]),
        notes: facts.notes,
      }
    }
    expect(
      await categories("a mixed 19 % / 7 % invoice with a discount")
    ).toEqual({
      categories: [
        ["S", "19"],
        ["S", "7"],
      ],
      notes: [],
    })
    expect(
      await categories("a reverse-charge invoice to a French business")
    ).toEqual({
      categories: [["AE", "0"]],
      notes: [REVERSE_CHARGE_NOTE],
    })
    expect(
      (await categories("an exempt invoice (category E)")).categories
    ).toEqual([["E", "0"]])
    expect(
      (
        await categories(
          "a zero-rated invoice to a buyer outside the EU (category Z)"
        )
      ).categories
    ).toEqual([["Z", "0"]])
  })

  it("says exactly what keeps a document from being an e-invoice", () => {
    const { doc } = documents["a reverse-charge invoice to a French business"]
    const noAddress = {
      ...doc,
      billing_address: { company: "Hopper SARL", vat_id: "FR40303265045" },
    }
    const { vatId: _vatId, taxNumber: _taxNumber, ...noVat } = seller
    expect(eInvoiceProblems(noAddress, noVat, "factur-x")).toEqual([
      "seller VAT ID or tax number (invoice module option seller.vatId)",
      "buyer street (the order's billing address)",
      "buyer city (the order's billing address)",
      "buyer postal code (the order's billing address)",
      "buyer country (the order's billing address)",
    ])
    expect(
      eInvoiceProblems(
        { ...doc, customer_email: null },
        { ...seller, contact: undefined },
        "xrechnung"
      )
    ).toEqual([
      "seller contact name (invoice module option seller.contact.name)",
      "seller contact phone (invoice module option seller.contact.phone)",
      "seller contact e-mail (invoice module option seller.contact.email)",
      "buyer e-mail address (the order's e-mail)",
    ])
  })
})
