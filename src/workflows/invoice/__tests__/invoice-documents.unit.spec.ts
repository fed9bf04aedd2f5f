import { invoiceFromOrder, InvoiceableOrder } from "../utils/invoice-documents"

// Totals as Medusa computes them (unrounded): a 19 % tax-inclusive line, a 7 % line with a discount, and
// shipping at 19 %.
const order: InvoiceableOrder = {
  id: "order_1",
  display_id: 42,
  email: "grace@example.com",
  currency_code: "eur",
  customer_id: "cus_1",
  customer: { first_name: null, last_name: null },
  billing_address: {
    first_name: "Grace",
    last_name: "Hopper",
    address_1: "Main 1",
    city: "Berlin",
    postal_code: "10115",
    country_code: "de",
  },
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
    null,
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

describe("invoiceFromOrder", () => {
  const doc = invoiceFromOrder(order, new Date("2026-01-02T03:04:05Z"))

  it("bills each item and shipping method once, with its rate, rounded to cents", () => {
    expect(
      doc.lines.map((l) => [
        l.kind,
        l.line_item_id ?? l.shipping_method_id,
        l.title,
        l.tax_rate,
        l.is_tax_inclusive,
        l.tax_total,
        l.total,
      ])
    ).toEqual([
      ["item", "item_1", "Mug - Blue", "19", true, "9.57", "59.97"],
      ["item", "item_2", "Book", "7", false, "0.28", "4.27"],
      ["shipping", "sm_1", "Standard", "19", false, "0.94", "5.89"],
    ])
  })

  it("totals are Medusa's rounded once, and the lines add up to them", () => {
    // Exact sums: total 70.1298 -> 70.13, tax 10.794842... -> 10.79. Rounding each line alone would give
    // 9.58 + 0.28 + 0.94 = 10.80, one cent more tax than Medusa charged; the cent missing after rounding all
    // down (9.57 + 0.27 + 0.94) goes to the largest remainder (0.2793).
    expect(doc).toEqual(
      expect.objectContaining({
        total: "70.13",
        tax_total: "10.79",
        shipping_total: "5.89",
        subtotal: "55.38",
        discount_total: "1.07",
      })
    )
  })

  it("states the tax per rate: base and tax for 19 % and for 7 %", () => {
    expect(doc.tax_breakdown).toEqual([
      { rate: "19", taxable_base: "55.35", tax_amount: "10.51" },
      { rate: "7", taxable_base: "3.99", tax_amount: "0.28" },
    ])
  })

  it("keeps the buyer's billing address and name", () => {
    expect(doc.customer_name).toBe("Grace Hopper")
    expect(doc.billing_address).toEqual(
      expect.objectContaining({ address_1: "Main 1", city: "Berlin" })
    )
    expect(
      invoiceFromOrder(
        { ...order, customer: { first_name: "Ada", last_name: "L" } },
        new Date()
      ).customer_name
    ).toBe("Ada L")
  })

  it("rounds a JPY order to whole yen and a KWD order to fils", () => {
    const yen = invoiceFromOrder(
      {
        ...order,
        currency_code: "jpy",
        items: [
          {
            ...order.items![0]!,
            unit_price: 1980,
            quantity: 1,
            tax_total: "180",
            total: "1980",
            tax_lines: [{ rate: 10 }],
          },
        ],
        shipping_methods: [],
      },
      new Date()
    )
    expect([yen.total, yen.tax_total]).toEqual(["1980", "180"])
    const dinar = invoiceFromOrder(
      {
        ...order,
        currency_code: "kwd",
        items: [
          {
            ...order.items![2]!,
            unit_price: "1.2345",
            tax_total: "0.061725",
            total: "1.296225",
            tax_lines: [{ rate: 5 }],
          },
        ],
        shipping_methods: [],
      },
      new Date()
    )
    expect([dinar.total, dinar.tax_total, dinar.lines[0].unit_price]).toEqual([
      "1.296",
      "0.062",
      "1.235",
    ])
  })
})
