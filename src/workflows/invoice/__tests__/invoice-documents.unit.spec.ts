import {
  creditNoteFromRefund,
  invoiceFromOrder,
  InvoiceableOrder,
} from "../utils/invoice-documents"

const order: InvoiceableOrder = {
  id: "order_1",
  display_id: 42,
  email: "grace@example.com",
  currency_code: "eur",
  customer_id: "cus_1",
  customer: { first_name: null, last_name: null },
  billing_address: { first_name: "Grace", last_name: "Hopper" },
  item_subtotal: 25.25,
  discount_total: 1,
  shipping_total: 5,
  tax_total: 0,
  total: 29.25,
  items: [
    {
      id: "item_1",
      title: "Blue",
      product_title: "Mug",
      variant_title: "Blue",
      variant_sku: "MUG-B",
      quantity: 2,
      unit_price: 10.5,
      discount_total: 1,
      tax_total: 0,
      total: 20,
    },
    null,
    {
      id: "item_2",
      title: "Sticker",
      variant_sku: null,
      quantity: 1,
      unit_price: 4.25,
      discount_total: 0,
      tax_total: 0,
      total: 4.25,
    },
  ],
}

describe("invoiceFromOrder", () => {
  it("copies the order's totals and bills each line item once", () => {
    const issued = new Date("2026-01-02T03:04:05Z")
    const doc = invoiceFromOrder(order, issued)
    expect(doc).toEqual(
      expect.objectContaining({
        type: "invoice",
        source_key: "order:order_1",
        order_display_id: 42,
        customer_email: "grace@example.com",
        subtotal: 25.25,
        discount_total: 1,
        shipping_total: 5,
        total: 29.25,
        issued_at: issued,
      })
    )
    expect(
      doc.lines.map((l) => [l.line_item_id, l.title, l.sku, l.total])
    ).toEqual([
      ["item_1", "Mug - Blue", "MUG-B", 20],
      ["item_2", "Sticker", null, 4.25],
    ])
  })

  it("names the customer from the billing address when the customer record has no name", () => {
    expect(invoiceFromOrder(order, new Date()).customer_name).toBe(
      "Grace Hopper"
    )
    expect(
      invoiceFromOrder(
        { ...order, customer: { first_name: "Ada", last_name: "L" } },
        new Date()
      ).customer_name
    ).toBe("Ada L")
    expect(
      invoiceFromOrder(
        { ...order, customer: null, billing_address: null },
        new Date()
      ).customer_name
    ).toBeNull()
  })
})

describe("creditNoteFromRefund", () => {
  it("credits the refunded amount against the original invoice, keyed by the refund", () => {
    const doc = creditNoteFromRefund(
      order,
      {
        id: "ref_1",
        amount: 7.5,
        note: "broken",
        created_at: "2026-02-01T00:00:00Z",
      },
      "inv_1"
    )
    expect(doc).toEqual(
      expect.objectContaining({
        type: "credit_note",
        source_key: "refund:ref_1",
        original_invoice_id: "inv_1",
        subtotal: 7.5,
        tax_total: 0,
        total: 7.5,
        issued_at: new Date("2026-02-01T00:00:00Z"),
      })
    )
    expect(doc.lines).toEqual([
      expect.objectContaining({
        title: "Refund: broken",
        quantity: 1,
        total: 7.5,
      }),
    ])
  })
})
