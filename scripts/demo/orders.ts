import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createOrderPaymentCollectionWorkflow,
  createOrderWorkflow,
  markPaymentCollectionAsPaid,
  refundPaymentWorkflow,
} from "@medusajs/medusa/core-flows"

export type OrderSpec = {
  region_id: string
  currency_code: string
  email: string
  customer_id?: string
  sales_channel_id?: string
  address: {
    first_name: string
    last_name: string
    address_1: string
    city: string
    postal_code: string
    country_code: string
  }
  items: {
    title: string
    variant_id?: string
    variant_sku?: string
    quantity: number
    unit_price: number
    /** The unit price includes tax (a region whose prices include VAT). */
    is_tax_inclusive?: boolean
  }[]
  shipping?: { name: string; amount: number; is_tax_inclusive?: boolean }
  /** Promotion codes applied when the order is created (Medusa computes the adjustments). */
  promo_codes?: string[]
}

/**
 * Places an order the way an admin-created order is placed (no cart), with custom-priced lines. Medusa computes
 * its tax lines (from the region's tax rates) and promotion adjustments while creating it.
 */
export async function placeOrder(container: MedusaContainer, spec: OrderSpec) {
  const { result: order } = await createOrderWorkflow(container).run({
    input: {
      region_id: spec.region_id,
      currency_code: spec.currency_code,
      email: spec.email,
      customer_id: spec.customer_id,
      sales_channel_id: spec.sales_channel_id,
      shipping_address: spec.address,
      billing_address: spec.address,
      status: "pending",
      items: spec.items.map((i) => ({ ...i, is_custom_price: true })),
      shipping_methods: spec.shipping
        ? [
            {
              name: spec.shipping.name,
              amount: spec.shipping.amount,
              is_tax_inclusive: spec.shipping.is_tax_inclusive,
            },
          ]
        : undefined,
      promo_codes: spec.promo_codes,
    },
  })
  return order
}

/** Collects the order's total through the system payment provider and captures it (emits payment.captured). */
export async function captureOrderPayment(
  container: MedusaContainer,
  orderId: string
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: ["id", "total"],
    filters: { id: orderId },
  })
  const { result: collections } = await createOrderPaymentCollectionWorkflow(
    container
  ).run({
    input: { order_id: orderId, amount: Number(order.total) },
  })
  const { result: payment } = await markPaymentCollectionAsPaid(container).run({
    input: { order_id: orderId, payment_collection_id: collections[0].id },
  })
  return payment!
}

/** Refunds part of a captured payment (emits payment.refunded). */
export async function refundPayment(
  container: MedusaContainer,
  paymentId: string,
  amount: number,
  note?: string
) {
  const { result } = await refundPaymentWorkflow(container).run({
    input: { payment_id: paymentId, amount, note },
  })
  return result
}
