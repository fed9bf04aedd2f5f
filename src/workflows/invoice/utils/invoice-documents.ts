import type { BigNumberInput } from "@medusajs/framework/types"
import type { CreateInvoiceDocumentInput } from "../../../modules/invoice/types"

/** The order fields an invoice is built from; the workflows query exactly these. */
export const ORDER_INVOICE_FIELDS = [
  "id",
  "display_id",
  "email",
  "currency_code",
  "customer_id",
  "customer.first_name",
  "customer.last_name",
  "billing_address.first_name",
  "billing_address.last_name",
  "item_subtotal",
  "discount_total",
  "shipping_total",
  "tax_total",
  "total",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.discount_total",
  "items.tax_total",
  "items.total",
]

type Name =
  { first_name?: string | null; last_name?: string | null } | null | undefined

export type InvoiceableOrder = {
  id: string
  display_id: number
  email?: string | null
  currency_code: string
  customer_id?: string | null
  customer?: Name
  billing_address?: Name
  item_subtotal: BigNumberInput
  discount_total: BigNumberInput
  shipping_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
  items?: Array<{
    id: string
    title: string
    product_title?: string | null
    variant_title?: string | null
    variant_sku?: string | null
    quantity: BigNumberInput
    unit_price: BigNumberInput
    discount_total: BigNumberInput
    tax_total: BigNumberInput
    total: BigNumberInput
  } | null> | null
}

export type Refund = {
  id: string
  amount: BigNumberInput
  note?: string | null
  created_at?: Date | string | null
}

/** The key that makes an order's invoice unique. */
export const orderInvoiceKey = (orderId: string) => `order:${orderId}`
/** The key that makes a refund's credit note unique. */
export const refundCreditNoteKey = (refundId: string) => `refund:${refundId}`

function fullName(...candidates: Name[]): string | null {
  for (const c of candidates) {
    const name = [c?.first_name, c?.last_name].filter(Boolean).join(" ").trim()
    if (name) return name
  }
  return null
}

function customerOf(order: InvoiceableOrder) {
  return {
    customer_id: order.customer_id ?? null,
    customer_email: order.email ?? null,
    customer_name: fullName(order.customer, order.billing_address),
  }
}

/** The invoice for an order, with the totals Medusa computed for it. */
export function invoiceFromOrder(
  order: InvoiceableOrder,
  issuedAt: Date
): CreateInvoiceDocumentInput {
  return {
    type: "invoice",
    source_key: orderInvoiceKey(order.id),
    order_id: order.id,
    order_display_id: order.display_id,
    ...customerOf(order),
    currency_code: order.currency_code,
    subtotal: order.item_subtotal,
    discount_total: order.discount_total,
    shipping_total: order.shipping_total,
    tax_total: order.tax_total,
    total: order.total,
    issued_at: issuedAt,
    lines: (order.items ?? []).flatMap((item) =>
      item
        ? [
            {
              line_item_id: item.id,
              title: item.product_title
                ? [item.product_title, item.variant_title]
                    .filter(Boolean)
                    .join(" - ")
                : item.title,
              sku: item.variant_sku ?? null,
              quantity: item.quantity,
              unit_price: item.unit_price,
              discount_total: item.discount_total,
              tax_total: item.tax_total,
              total: item.total,
            },
          ]
        : []
    ),
  }
}

/**
 * The credit note for one refund. A refund in Medusa is an amount, not a set of items, so the note carries one
 * line for the refunded amount.
 */
export function creditNoteFromRefund(
  order: InvoiceableOrder,
  refund: Refund,
  originalInvoiceId: string | null
): CreateInvoiceDocumentInput {
  return {
    type: "credit_note",
    source_key: refundCreditNoteKey(refund.id),
    order_id: order.id,
    order_display_id: order.display_id,
    ...customerOf(order),
    currency_code: order.currency_code,
    subtotal: refund.amount,
    discount_total: 0,
    shipping_total: 0,
    tax_total: 0,
    total: refund.amount,
    issued_at: refund.created_at ? new Date(refund.created_at) : new Date(),
    original_invoice_id: originalInvoiceId,
    lines: [
      {
        title: refund.note ? `Refund: ${refund.note}` : "Refund",
        quantity: 1,
        unit_price: refund.amount,
        discount_total: 0,
        tax_total: 0,
        total: refund.amount,
      },
    ],
  }
}
