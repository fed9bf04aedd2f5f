import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import type {
  CreateInvoiceDocumentInput,
  CreateInvoiceLineInput,
  DocumentAddress,
} from "../../../modules/invoice/types"
import {
  allocateRounded,
  currencyDecimals,
  roundMoney,
} from "../../../utils/money"
import { totalsOf } from "./invoice-documents"

type Big = ReturnType<typeof MathBN.convert>

/** An issued invoice line, as the invoice module stores it. */
export type InvoicedLine = {
  id: string
  kind: "item" | "shipping"
  line_item_id?: string | null
  shipping_method_id?: string | null
  title: string
  sku?: string | null
  quantity: BigNumberInput
  unit_price: BigNumberInput
  is_tax_inclusive: boolean
  tax_rate: BigNumberInput
  discount_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
}

export type IssuedInvoice = {
  id: string
  order_id: string
  order_display_id: number
  customer_id?: string | null
  customer_email?: string | null
  customer_name?: string | null
  customer_has_account?: boolean | null
  billing_address?: DocumentAddress | null
  currency_code: string
  total: BigNumberInput
  lines: InvoicedLine[]
}

/** What earlier credit notes of the invoice already credited. */
export type EarlierCreditNote = {
  total: BigNumberInput
  return_id?: string | null
  lines: Array<{
    original_line_id?: string | null
    total: BigNumberInput
    tax_total: BigNumberInput
  }>
}

export type Refund = {
  id: string
  amount: BigNumberInput
  note?: string | null
  created_at?: Date | string | null
}

/** A return (of a return, claim or exchange) whose items a refund pays back. */
export type OrderReturn = {
  id: string
  items: Array<{ item_id: string; quantity: BigNumberInput }>
}

/** The key that makes a refund's credit note unique. */
export const refundCreditNoteKey = (refundId: string) => `refund:${refundId}`

const big = (value: BigNumberInput | null | undefined) =>
  MathBN.convert(value ?? 0)
const sum = (values: Big[]) => values.reduce((s, v) => s.plus(v), big(0))

/** Splits `amount` over `weights` in proportion (exact, unrounded); nothing when the weights are all zero. */
function spread(amount: Big, weights: Big[]): Big[] {
  const total = sum(weights)
  return weights.map((w) =>
    total.isZero() ? big(0) : amount.times(w).div(total)
  )
}

/**
 * The credit note for one refund of an invoice.
 *
 * With a return, the returned items are credited at what they were invoiced for (price, discount and tax, pro
 * rata to the quantity returned); a refund smaller than that credits them in proportion, one larger credits the
 * rest over the invoice's remaining lines. Without a return the refund is split over all lines still open, shipping
 * included, in proportion to what is left of each. Each line's tax is reversed at that line's own rate, and the
 * amounts are rounded so the note's total is the refund, to the minor unit.
 *
 * Never credits more than the invoice has left: the note is capped at the invoice total minus earlier notes, and
 * there is no note (null) when nothing is left.
 */
export function creditNoteForRefund(
  invoice: IssuedInvoice,
  earlier: EarlierCreditNote[],
  refund: Refund,
  orderReturn: OrderReturn | null
): CreateInvoiceDocumentInput | null {
  const currency = invoice.currency_code
  const decimals = currencyDecimals(currency)
  const credited = new Map<string, { total: Big; tax: Big }>()
  for (const line of earlier.flatMap((n) => n.lines)) {
    if (!line.original_line_id) continue
    const c = credited.get(line.original_line_id) ?? {
      total: big(0),
      tax: big(0),
    }
    credited.set(line.original_line_id, {
      total: c.total.plus(big(line.total)),
      tax: c.tax.plus(big(line.tax_total)),
    })
  }
  const open = invoice.lines.map((line) => {
    const c = credited.get(line.id) ?? { total: big(0), tax: big(0) }
    return {
      line,
      total: BigNumberMax(big(line.total).minus(c.total), big(0)),
      tax: BigNumberMax(big(line.tax_total).minus(c.tax), big(0)),
    }
  })
  const left = big(invoice.total).minus(sum(earlier.map((n) => big(n.total))))
  const amount = BigNumberMin(roundMoney(refund.amount, currency), left)
  if (amount.lte(0)) {
    return null
  }

  // What the return's items are worth, line by line (zero for lines not returned).
  const returned = open.map(({ line, total }) => {
    const item = orderReturn?.items.find((i) => i.item_id === line.line_item_id)
    if (!item || line.kind !== "item" || big(line.quantity).isZero()) {
      return { quantity: big(0), value: big(0) }
    }
    const quantity = BigNumberMin(big(item.quantity), big(line.quantity))
    return {
      quantity,
      value: BigNumberMin(
        big(line.total).times(quantity).div(big(line.quantity)),
        total
      ),
    }
  })
  const returnedValue = sum(returned.map((r) => r.value))
  let exact: Big[]
  if (returnedValue.gt(0) && amount.lte(returnedValue)) {
    exact = spread(
      amount,
      returned.map((r) => r.value)
    )
  } else {
    const rest = spread(
      amount.minus(returnedValue),
      open.map((o, i) => o.total.minus(returned[i].value))
    )
    exact = returned.map((r, i) => r.value.plus(rest[i]))
  }
  const totals = allocateRounded(exact, amount, decimals)
  // Tax at the line's rate: Medusa taxes the net amount, so a gross amount holds rate / (100 + rate) of tax. The
  // last credit of a line takes exactly the tax still open on it, so a line credited in full reverses all its tax.
  const exactTax = open.map(({ line, total, tax }, i) => {
    if (totals[i].gte(total)) {
      return tax
    }
    const rate = big(line.tax_rate)
    return totals[i].times(rate).div(rate.plus(100))
  })
  const taxes = allocateRounded(
    exactTax,
    roundMoney(sum(exactTax), currency),
    decimals
  )
  const exactDiscount = open.map(({ line }, i) =>
    big(line.total).isZero()
      ? big(0)
      : totals[i].times(big(line.discount_total)).div(big(line.total))
  )
  const discounts = allocateRounded(
    exactDiscount,
    roundMoney(sum(exactDiscount), currency),
    decimals
  )

  const lines: CreateInvoiceLineInput[] = open.flatMap(({ line }, i) => {
    if (totals[i].isZero() && taxes[i].isZero()) {
      return []
    }
    // A line credited in full for the quantity returned reads as that quantity at the invoiced price; any other
    // share is one reduction of the line's amount.
    const whole =
      returned[i].quantity.gt(0) &&
      totals[i].eq(roundMoney(returned[i].value, currency))
    const net = totals[i].minus(taxes[i])
    return [
      {
        kind: line.kind,
        line_item_id: line.line_item_id ?? null,
        shipping_method_id: line.shipping_method_id ?? null,
        original_line_id: line.id,
        title: line.title,
        sku: line.sku ?? null,
        quantity: whole ? returned[i].quantity.toString() : "1",
        unit_price: whole
          ? big(line.unit_price).toString()
          : (line.is_tax_inclusive ? totals[i] : net).toString(),
        is_tax_inclusive: line.is_tax_inclusive,
        tax_rate: big(line.tax_rate).toString(),
        discount_total: discounts[i].toString(),
        tax_total: taxes[i].toString(),
        total: totals[i].toString(),
      },
    ]
  })
  const documentTotals = totalsOf(lines, currency)
  return {
    type: "credit_note",
    source_key: refundCreditNoteKey(refund.id),
    order_id: invoice.order_id,
    order_display_id: invoice.order_display_id,
    customer_id: invoice.customer_id ?? null,
    customer_email: invoice.customer_email ?? null,
    customer_name: invoice.customer_name ?? null,
    customer_has_account: invoice.customer_has_account ?? null,
    billing_address: invoice.billing_address ?? null,
    currency_code: currency,
    subtotal: sum(
      lines
        .filter((l) => l.kind === "item")
        .map((l) =>
          big(l.total).minus(big(l.tax_total)).plus(big(l.discount_total))
        )
    ).toString(),
    discount_total: sum(lines.map((l) => big(l.discount_total))).toString(),
    ...documentTotals,
    issued_at: refund.created_at ? new Date(refund.created_at) : new Date(),
    original_invoice_id: invoice.id,
    return_id: returnedValue.gt(0) ? orderReturn!.id : null,
    lines,
  }
}

function BigNumberMin(a: Big, b: Big): Big {
  return a.lte(b) ? a : b
}

function BigNumberMax(a: Big, b: Big): Big {
  return a.gte(b) ? a : b
}
