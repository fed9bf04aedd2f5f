import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import type {
  CreateInvoiceDocumentInput,
  CreateInvoiceLineInput,
  DocumentAddress,
  TaxBreakdownEntry,
} from "../../../modules/invoice/types"
import {
  allocateRounded,
  currencyDecimals,
  roundMoney,
} from "../../../utils/money"

const ADDRESS_FIELDS = [
  "first_name",
  "last_name",
  "company",
  "address_1",
  "address_2",
  "postal_code",
  "city",
  "province",
  "country_code",
] as const

const TOTAL_FIELDS = [
  "quantity",
  "unit_price",
  "is_tax_inclusive",
  "subtotal",
  "discount_total",
  "tax_total",
  "total",
  "tax_lines.rate",
]

/** The order fields an invoice is built from, as Medusa computes them; the workflows query exactly these. */
export const ORDER_INVOICE_FIELDS = [
  "id",
  "display_id",
  "status",
  "is_draft_order",
  "email",
  "currency_code",
  "customer_id",
  "customer.first_name",
  "customer.last_name",
  "customer.has_account",
  // The buyer's VAT ID and buyer reference (Leitweg-ID) for e-invoices: order metadata, else customer metadata.
  "metadata",
  "customer.metadata",
  ...ADDRESS_FIELDS.map((f) => `billing_address.${f}`),
  "item_subtotal",
  "discount_total",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  ...TOTAL_FIELDS.map((f) => `items.${f}`),
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.amount",
  ...TOTAL_FIELDS.filter((f) => f !== "quantity" && f !== "unit_price").map(
    (f) => `shipping_methods.${f}`
  ),
]

type Name =
  { first_name?: string | null; last_name?: string | null } | null | undefined

type Totals = {
  is_tax_inclusive?: boolean | null
  subtotal: BigNumberInput
  discount_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
  tax_lines?: Array<{ rate: number | string } | null> | null
}

export type InvoiceableOrder = {
  id: string
  display_id: number
  status?: string | null
  is_draft_order?: boolean | null
  email?: string | null
  currency_code: string
  customer_id?: string | null
  customer?:
    (Name & { has_account?: boolean | null; metadata?: Metadata }) | null
  metadata?: Metadata
  billing_address?: (DocumentAddress & Name) | null
  item_subtotal: BigNumberInput
  discount_total: BigNumberInput
  items?: Array<
    | (Totals & {
        id: string
        title: string
        product_title?: string | null
        variant_title?: string | null
        variant_sku?: string | null
        quantity: BigNumberInput
        unit_price: BigNumberInput
      })
    | null
  > | null
  shipping_methods?: Array<
    | (Totals & {
        id: string
        name: string
        amount: BigNumberInput
      })
    | null
  > | null
}

type Metadata = Record<string, unknown> | null | undefined

/** A metadata key's value as text: the order's own first, then the customer's; null when neither has one. */
function metadataText(order: InvoiceableOrder, key: string): string | null {
  for (const metadata of [order.metadata, order.customer?.metadata]) {
    const value = metadata?.[key]
    if (typeof value === "string" && value.trim()) return value.trim()
  }
  return null
}

/** The key that makes an order's invoice unique. */
export const orderInvoiceKey = (orderId: string) => `order:${orderId}`

function fullName(...candidates: Name[]): string | null {
  for (const c of candidates) {
    const name = [c?.first_name, c?.last_name].filter(Boolean).join(" ").trim()
    if (name) return name
  }
  return null
}

/** The buyer as the order names them; shared by the invoice and its credit notes. */
export function customerOf(order: InvoiceableOrder) {
  const address = order.billing_address
  return {
    customer_id: order.customer_id ?? null,
    customer_email: order.email ?? null,
    customer_name: fullName(order.customer, address),
    // No customer at all is a guest too.
    customer_has_account: order.customer_id
      ? (order.customer?.has_account ?? null)
      : false,
    billing_address: address
      ? {
          ...Object.fromEntries(
            ADDRESS_FIELDS.map((f) => [f, address[f] ?? null])
          ),
          // Kept with the address as it was at issuance, like the address: what the e-invoice names the buyer by.
          vat_id: metadataText(order, "vat_id")?.toUpperCase() ?? null,
          buyer_reference: metadataText(order, "buyer_reference"),
        }
      : null,
  }
}

/** A line's tax rate in percent: Medusa taxes a line with the sum of its tax lines' rates. */
function rateOf(totals: Totals) {
  return MathBN.sum(
    0,
    ...(totals.tax_lines ?? []).flatMap((t) => (t ? [t.rate] : []))
  )
}

type ExactLine = Omit<
  CreateInvoiceLineInput,
  "discount_total" | "tax_total" | "total"
> & {
  discount_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
}

/**
 * Rounds lines to the currency's minor unit so that they add up to the rounded totals: the document's total and
 * tax are Medusa's, rounded once, and every line's share is the largest-remainder rounding of its exact amount.
 */
export function roundLines(
  lines: ExactLine[],
  currencyCode: string
): CreateInvoiceLineInput[] {
  const decimals = currencyDecimals(currencyCode)
  const rounded = (field: "total" | "tax_total" | "discount_total") =>
    allocateRounded(
      lines.map((l) => l[field]),
      roundMoney(MathBN.sum(0, ...lines.map((l) => l[field])), currencyCode),
      decimals
    )
  const totals = rounded("total")
  const taxes = rounded("tax_total")
  const discounts = rounded("discount_total")
  return lines.map((line, i) => ({
    ...line,
    unit_price: roundMoney(line.unit_price, currencyCode).toString(),
    tax_rate: MathBN.convert(line.tax_rate).toString(),
    total: totals[i].toString(),
    tax_total: taxes[i].toString(),
    discount_total: discounts[i].toString(),
  }))
}

/** The tax per rate of rounded lines, highest rate first. */
export function taxBreakdownOf(
  lines: Pick<CreateInvoiceLineInput, "tax_rate" | "tax_total" | "total">[],
  currencyCode: string
): TaxBreakdownEntry[] {
  const decimals = currencyDecimals(currencyCode)
  const byRate = new Map<
    string,
    { base: BigNumberInput; tax: BigNumberInput }
  >()
  for (const line of lines) {
    const rate = MathBN.convert(line.tax_rate).toString()
    const entry = byRate.get(rate) ?? { base: 0, tax: 0 }
    byRate.set(rate, {
      base: MathBN.add(entry.base, MathBN.sub(line.total, line.tax_total)),
      tax: MathBN.add(entry.tax, line.tax_total),
    })
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => MathBN.convert(b).comparedTo(MathBN.convert(a)) ?? 0)
    .map(([rate, { base, tax }]) => ({
      rate,
      taxable_base: MathBN.convert(base).toFixed(decimals),
      tax_amount: MathBN.convert(tax).toFixed(decimals),
    }))
}

/** Document totals from rounded lines, so the document adds up exactly. */
export function totalsOf(
  lines: CreateInvoiceLineInput[],
  currencyCode: string
): Pick<
  CreateInvoiceDocumentInput,
  "shipping_total" | "tax_total" | "total" | "tax_breakdown"
> {
  const sum = (values: BigNumberInput[]) =>
    MathBN.convert(MathBN.sum(0, ...values)).toString()
  return {
    shipping_total: sum(
      lines.filter((l) => l.kind === "shipping").map((l) => l.total)
    ),
    tax_total: sum(lines.map((l) => l.tax_total)),
    total: sum(lines.map((l) => l.total)),
    tax_breakdown: taxBreakdownOf(lines, currencyCode),
  }
}

/**
 * The invoice for an order, from the totals Medusa computed for its items and shipping methods (tax lines,
 * adjustments, tax-inclusive prices included). The order's own total is not used: refunds lower it (they add
 * credit lines), and they are credit notes, not a smaller invoice.
 */
export function invoiceFromOrder(
  order: InvoiceableOrder,
  issuedAt: Date
): CreateInvoiceDocumentInput {
  const items: ExactLine[] = (order.items ?? []).flatMap((item) =>
    item
      ? [
          {
            kind: "item" as const,
            line_item_id: item.id,
            title: item.product_title
              ? [item.product_title, item.variant_title]
                  .filter(Boolean)
                  .join(" - ")
              : item.title,
            sku: item.variant_sku ?? null,
            quantity: item.quantity,
            unit_price: item.unit_price,
            is_tax_inclusive: !!item.is_tax_inclusive,
            tax_rate: rateOf(item),
            discount_total: item.discount_total,
            tax_total: item.tax_total,
            total: item.total,
          },
        ]
      : []
  )
  const shipping: ExactLine[] = (order.shipping_methods ?? []).flatMap(
    (method) =>
      method
        ? [
            {
              kind: "shipping" as const,
              shipping_method_id: method.id,
              title: method.name,
              sku: null,
              quantity: 1,
              unit_price: method.amount,
              is_tax_inclusive: !!method.is_tax_inclusive,
              tax_rate: rateOf(method),
              discount_total: method.discount_total,
              tax_total: method.tax_total,
              total: method.total,
            },
          ]
        : []
  )
  const lines = roundLines([...items, ...shipping], order.currency_code)
  return {
    type: "invoice",
    source_key: orderInvoiceKey(order.id),
    order_id: order.id,
    order_display_id: order.display_id,
    ...customerOf(order),
    currency_code: order.currency_code,
    subtotal: roundMoney(order.item_subtotal, order.currency_code).toString(),
    discount_total: roundMoney(
      order.discount_total,
      order.currency_code
    ).toString(),
    ...totalsOf(lines, order.currency_code),
    issued_at: issuedAt,
    lines,
  }
}
