/**
 * Every amount the sync sends on a stated basis. Net amounts exclude tax, gross amounts include it; a document
 * adds up on both, to the currency's minor unit:
 *   net:   Subtotal - Discount + Shipping + Tax = Total
 *   gross: Subtotal_Gross - Discount_Gross + Shipping_Gross = Total
 * and so does each line (net: Subtotal - Discount + Tax = Total; gross: Subtotal_Gross - Discount_Gross = Total).
 * Total and Tax are the document's own; the rest follow from them and the lines, so rounding can never open a gap.
 * Medusa's discount_total is gross (its discount_subtotal plus the tax the discount took off); the net part of a
 * line's discount is its gross discount at the line's rate.
 */
import { MathBN } from "@medusajs/framework/utils"
import { roundMoney } from "../../utils/money"

type Big = ReturnType<typeof MathBN.convert>
type Amount = number | string | { toJSON(): number | string } | null | undefined

export type BasisLine = {
  kind?: "item" | "shipping" | string | null
  quantity: Amount
  tax_rate?: Amount
  discount_total: Amount
  tax_total: Amount
  total: Amount
}

export type LineAmounts = {
  net: { unitPrice: Big; subtotal: Big; discount: Big }
  gross: { unitPrice: Big; subtotal: Big; discount: Big }
  tax: Big
  total: Big
}

export type DocumentAmounts = {
  net: { subtotal: Big; discount: Big; shipping: Big }
  gross: { subtotal: Big; discount: Big; shipping: Big }
  tax: Big
  total: Big
  lines: LineAmounts[]
}

const big = (value: Amount) => MathBN.convert((value ?? 0) as number | string)

/** A line's amounts on both bases, in the currency's minor unit. */
export function lineAmounts(line: BasisLine, currency: string): LineAmounts {
  const money = (v: Amount | Big) => roundMoney(v as number, currency)
  const total = money(line.total)
  const tax = money(line.tax_total)
  const grossDiscount = money(line.discount_total)
  const rate = big(line.tax_rate)
  const netDiscount = money(grossDiscount.times(100).div(rate.plus(100)))
  const netSubtotal = total.minus(tax).plus(netDiscount)
  const grossSubtotal = total.plus(grossDiscount)
  const quantity = big(line.quantity)
  const per = (v: Big) => (quantity.isZero() ? v : money(v.div(quantity)))
  return {
    net: {
      unitPrice: per(netSubtotal),
      subtotal: netSubtotal,
      discount: netDiscount,
    },
    gross: {
      unitPrice: per(grossSubtotal),
      subtotal: grossSubtotal,
      discount: grossDiscount,
    },
    tax,
    total,
  }
}

/**
 * The document's amounts on both bases. Shipping is its lines of kind "shipping" after their discount (gross: the
 * document's shipping_total); the discount is the items' and shipping's together (gross: the document's
 * discount_total, its net part from the lines' rates); the subtotal is what makes the document add up.
 */
export function documentAmounts(
  doc: {
    currency_code: string
    discount_total: Amount
    shipping_total: Amount
    tax_total: Amount
    total: Amount
    lines?: BasisLine[] | null
  },
  currency = doc.currency_code
): DocumentAmounts {
  const money = (v: Amount | Big) => roundMoney(v as number, currency)
  const lines = (doc.lines ?? []).map((l) => lineAmounts(l, currency))
  const shippingLines = (doc.lines ?? []).flatMap((l, i) =>
    l.kind === "shipping" ? [lines[i]] : []
  )
  const sum = (values: Big[]) =>
    values.reduce((a, b) => a.plus(b), MathBN.convert(0))
  const total = money(doc.total)
  const tax = money(doc.tax_total)
  const grossShipping = money(doc.shipping_total)
  const netShipping = grossShipping.minus(sum(shippingLines.map((l) => l.tax)))
  const grossDiscount = money(doc.discount_total)
  // The lines' discounts' tax (none without lines: then net and gross discount are the same).
  const discountTax = sum(
    lines.map((l) => l.gross.discount.minus(l.net.discount))
  )
  const netDiscount = grossDiscount.minus(discountTax)
  return {
    net: {
      subtotal: total.minus(tax).minus(netShipping).plus(netDiscount),
      discount: netDiscount,
      shipping: netShipping,
    },
    gross: {
      subtotal: total.minus(grossShipping).plus(grossDiscount),
      discount: grossDiscount,
      shipping: grossShipping,
    },
    tax,
    total,
    lines,
  }
}
