import { invoiceSummary } from "../invoice-summary"

const sum = (rows: { amount: number }[]) =>
  Math.round(rows.reduce((s, r) => s + r.amount, 0) * 1000) / 1000

describe("invoiceSummary", () => {
  it("adds up to the total with taxed shipping: shipping net, its tax in the tax row", () => {
    // 2 x 50.00 net at 19 %, 10 % off (net 10.00), shipping 5.00 net + 0.95 tax.
    const rows = invoiceSummary({
      subtotal: 100,
      tax_total: 18.05,
      total: 113.05,
      lines: [
        { kind: "item", total: 107.1, tax_total: 17.1 },
        { kind: "shipping", total: 5.95, tax_total: 0.95 },
      ],
    })
    expect(rows).toEqual([
      { row: "Subtotal", amount: 100 },
      { row: "Discount", amount: -10 },
      { row: "Shipping", amount: 5 },
      { row: "Tax", amount: 18.05 },
    ])
    expect(sum(rows)).toBe(113.05)
  })

  it("adds up in fils and in yen", () => {
    const kwd = invoiceSummary({
      subtotal: 2.47,
      tax_total: 0.149,
      total: 3.119,
      lines: [
        { kind: "item", total: 2.594, tax_total: 0.124 },
        { kind: "shipping", total: 0.525, tax_total: 0.025 },
      ],
    })
    expect(kwd.map((r) => r.amount)).toEqual([2.47, 0, 0.5, 0.149])
    expect(sum(kwd)).toBe(3.119)
    const jpy = invoiceSummary({
      subtotal: 5940,
      tax_total: 644,
      total: 7084,
      lines: [
        { kind: "item", total: 6534, tax_total: 594 },
        { kind: "shipping", total: 550, tax_total: 50 },
      ],
    })
    expect(jpy.map((r) => r.amount)).toEqual([5940, 0, 500, 644])
  })
})
