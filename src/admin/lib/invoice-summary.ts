/**
 * The summary under an invoice's lines, as an accountant checks it: subtotal − discount + shipping + tax = total,
 * to the unit, as shown. Shipping is a line of the document (with its own tax), so its amount here is net of tax
 * and its tax is in the tax row; the subtotal is the items' net price before discount (Medusa's item subtotal),
 * and the discount is what takes it to the items' net amount after discount. Computed in thousandths, below every
 * currency's minor unit (amounts are stored rounded to it), so nothing is lost to floating point.
 */
export type SummaryLine = {
  kind: "item" | "shipping"
  total: number
  tax_total: number
}

export type SummaryRow = {
  row: "Subtotal" | "Discount" | "Shipping" | "Tax"
  /** Signed as it adds up: the discount is negative. */
  amount: number
}

const SCALE = 1000
const units = (amount: number | string) => Math.round(Number(amount) * SCALE)
const major = (amount: number) => amount / SCALE

export function invoiceSummary(invoice: {
  subtotal: number | string
  tax_total: number | string
  total: number | string
  lines: SummaryLine[]
}): SummaryRow[] {
  const net = (kind: SummaryLine["kind"]) =>
    invoice.lines
      .filter((l) => l.kind === kind)
      .reduce((sum, l) => sum + units(l.total) - units(l.tax_total), 0)
  const shipping = net("shipping")
  const tax = units(invoice.tax_total)
  const items = units(invoice.total) - shipping - tax
  const subtotal = units(invoice.subtotal)
  return [
    { row: "Subtotal", amount: major(subtotal) },
    { row: "Discount", amount: major(items - subtotal) },
    { row: "Shipping", amount: major(shipping) },
    { row: "Tax", amount: major(tax) },
  ]
}
