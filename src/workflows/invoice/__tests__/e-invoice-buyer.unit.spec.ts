import { invoiceFromOrder, InvoiceableOrder } from "../utils/invoice-documents"

const order: InvoiceableOrder = {
  id: "order_1",
  display_id: 7,
  email: "buyer@example.com",
  currency_code: "eur",
  customer: { first_name: "Ada", last_name: "Lovelace", metadata: null },
  billing_address: {
    company: "Lovelace SARL",
    address_1: "1 rue de Rivoli",
    city: "Paris",
    postal_code: "75001",
    country_code: "fr",
  },
  item_subtotal: 10,
  discount_total: 0,
  items: [],
  shipping_methods: [],
}
const issued = new Date("2026-12-01T10:00:00Z")

describe("the e-invoice buyer on an issued document", () => {
  it("keeps the order's VAT ID and buyer reference with the billing address", () => {
    const doc = invoiceFromOrder(
      {
        ...order,
        metadata: {
          vat_id: " fr40303265045 ",
          buyer_reference: "04011000-1234512345-06",
        },
      },
      issued
    )
    expect(doc.billing_address).toEqual(
      expect.objectContaining({
        company: "Lovelace SARL",
        vat_id: "FR40303265045",
        buyer_reference: "04011000-1234512345-06",
      })
    )
  })

  it("falls back to the customer's metadata, and to none", () => {
    const fromCustomer = invoiceFromOrder(
      {
        ...order,
        metadata: { vat_id: "" },
        customer: { ...order.customer, metadata: { vat_id: "FR40303265045" } },
      },
      issued
    )
    expect(fromCustomer.billing_address).toEqual(
      expect.objectContaining({
        vat_id: "FR40303265045",
        buyer_reference: null,
      })
    )
    expect(invoiceFromOrder(order, issued).billing_address).toEqual(
      expect.objectContaining({ vat_id: null, buyer_reference: null })
    )
  })
})
