import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import {
  creditNoteForRefund,
  EarlierCreditNote,
  IssuedInvoice,
} from "../utils/credit-notes"

// An invoice as stored: 3 x 19.99 at 19 % (tax inclusive), a book at 7 % and shipping at 19 %.
const invoice: IssuedInvoice = {
  id: "inv_1",
  order_id: "order_1",
  order_display_id: 42,
  currency_code: "eur",
  total: "70.13",
  lines: [
    {
      id: "l1",
      kind: "item",
      line_item_id: "item_1",
      title: "Mug",
      quantity: 3,
      unit_price: "19.99",
      is_tax_inclusive: true,
      tax_rate: "19",
      discount_total: "0",
      tax_total: "9.57",
      total: "59.97",
    },
    {
      id: "l2",
      kind: "item",
      line_item_id: "item_2",
      title: "Book",
      quantity: 1,
      unit_price: "4.99",
      is_tax_inclusive: false,
      tax_rate: "7",
      discount_total: "1.07",
      tax_total: "0.28",
      total: "4.27",
    },
    {
      id: "l3",
      kind: "shipping",
      shipping_method_id: "sm_1",
      title: "Standard",
      quantity: 1,
      unit_price: "4.95",
      is_tax_inclusive: false,
      tax_rate: "19",
      discount_total: "0",
      tax_total: "0.94",
      total: "5.89",
    },
  ],
}

const refund = (id: string, amount: number | string) => ({
  id,
  amount,
  created_at: "2026-01-05T10:00:00Z",
})
const sum = (values: BigNumberInput[]) =>
  MathBN.convert(MathBN.sum(0, ...values)).toString()

describe("creditNoteForRefund", () => {
  it("credits returned items at their invoiced price and tax", () => {
    const note = creditNoteForRefund(invoice, [], refund("r1", "39.98"), {
      id: "ret_1",
      items: [{ item_id: "item_1", quantity: 2 }],
    })!
    expect(note.lines).toEqual([
      expect.objectContaining({
        original_line_id: "l1",
        quantity: "2",
        unit_price: "19.99",
        total: "39.98",
        tax_total: "6.38",
        tax_rate: "19",
      }),
    ])
    expect(note).toEqual(
      expect.objectContaining({
        type: "credit_note",
        total: "39.98",
        tax_total: "6.38",
        return_id: "ret_1",
        original_invoice_id: "inv_1",
        tax_breakdown: [
          { rate: "19", taxable_base: "33.60", tax_amount: "6.38" },
        ],
      })
    )
  })

  it("splits a refund without items over lines and shipping, reversing each line's rate, to the cent", () => {
    const note = creditNoteForRefund(invoice, [], refund("r1", 10), null)!
    expect(note.total).toBe("10")
    expect(sum(note.lines.map((l) => l.total))).toBe("10")
    expect(note.lines.map((l) => [l.original_line_id, l.total])).toEqual([
      ["l1", "8.55"],
      ["l2", "0.61"],
      ["l3", "0.84"],
    ])
    // Each line's tax is its share of that line's tax: 8.55 * 9.57 / 59.97, 0.61 * 0.28 / 4.27, ...
    expect(note.tax_breakdown).toEqual([
      { rate: "19", taxable_base: "7.89", tax_amount: "1.50" },
      { rate: "7", taxable_base: "0.57", tax_amount: "0.04" },
    ])
  })

  it("credits a full refund back to exactly the invoice, then nothing more", () => {
    const first = creditNoteForRefund(invoice, [], refund("r1", 10), null)!
    const rest = creditNoteForRefund(
      invoice,
      [first as EarlierCreditNote],
      refund("r2", 100),
      null
    )!
    // Capped at what is left of the invoice: 70.13 - 10.
    expect(rest.total).toBe("60.13")
    for (const line of invoice.lines) {
      const credited = [first, rest].flatMap((n) =>
        n.lines.filter((l) => l.original_line_id === line.id)
      )
      expect([
        sum(credited.map((l) => l.total)),
        sum(credited.map((l) => l.tax_total)),
      ]).toEqual([
        MathBN.convert(line.total).toString(),
        MathBN.convert(line.tax_total).toString(),
      ])
    }
    expect(
      creditNoteForRefund(
        invoice,
        [first, rest] as EarlierCreditNote[],
        refund("r3", 1),
        null
      )
    ).toBeNull()
  })

  it("credits a refund smaller than the returned items in proportion to them only", () => {
    const note = creditNoteForRefund(invoice, [], refund("r1", 15), {
      id: "ret_1",
      items: [
        { item_id: "item_1", quantity: 1 },
        { item_id: "item_2", quantity: 1 },
      ],
    })!
    expect(note.lines.map((l) => l.original_line_id)).toEqual(["l1", "l2"])
    expect(sum(note.lines.map((l) => l.total))).toBe("15")
  })

  it("rounds yen to whole units", () => {
    const yen: IssuedInvoice = {
      ...invoice,
      currency_code: "jpy",
      total: "3300",
      lines: [
        {
          ...invoice.lines[0],
          quantity: 1,
          unit_price: "1100",
          tax_rate: "10",
          tax_total: "100",
          total: "1100",
        },
        {
          ...invoice.lines[1],
          quantity: 1,
          unit_price: "2200",
          tax_rate: "10",
          tax_total: "200",
          total: "2200",
          discount_total: "0",
        },
      ],
    }
    const note = creditNoteForRefund(yen, [], refund("r1", 1000), null)!
    expect(note.lines.map((l) => [l.total, l.tax_total])).toEqual([
      ["333", "30"],
      ["667", "61"],
    ])
    expect(note.tax_total).toBe("91")
  })
})
