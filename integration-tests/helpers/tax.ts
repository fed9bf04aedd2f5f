import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createProductsWorkflow,
  createPromotionsWorkflow,
  createRegionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { createVat } from "../../scripts/demo/tax"

/** A region with VAT: `rate` on everything, `reducedRate` on the products named in `reduced`. */
export async function createTaxedRegion(
  container: MedusaContainer,
  spec: {
    name: string
    currency_code: string
    country: string
    rate: number
    reducedRate?: number
    reducedProductIds?: string[]
    taxInclusive?: boolean
  }
) {
  const { result } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: spec.name,
          currency_code: spec.currency_code,
          countries: [spec.country],
          payment_providers: ["pp_system_default"],
          automatic_taxes: true,
          is_tax_inclusive: spec.taxInclusive ?? false,
        },
      ],
    },
  })
  await createVat(container, {
    countries: [spec.country],
    rate: spec.rate,
    reduced:
      spec.reducedRate !== undefined
        ? { rate: spec.reducedRate, product_ids: spec.reducedProductIds ?? [] }
        : undefined,
  })
  return result[0]
}

/** Products by title, each with one variant; returns { title: { product_id, variant_id } }. */
export async function createProducts(
  container: MedusaContainer,
  titles: string[]
) {
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: titles.map((title) => ({
        title,
        status: "published" as const,
        options: [{ title: "Size", values: ["One size"] }],
        variants: [
          {
            title: "One size",
            sku: `${title.toUpperCase()}-${Math.random().toString(36).slice(2, 8)}`,
            options: { Size: "One size" },
            manage_inventory: false,
            prices: [],
          },
        ],
      })),
    },
  })
  return Object.fromEntries(
    result.map((p) => [
      p.title,
      { product_id: p.id, variant_id: p.variants[0].id },
    ])
  ) as Record<string, { product_id: string; variant_id: string }>
}

/** A promotion taking `percent` % off every item, applied with its code. */
export async function createPercentOff(
  container: MedusaContainer,
  code: string,
  percent: number
) {
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code,
          type: "standard",
          status: "active",
          application_method: {
            type: "percentage",
            target_type: "items",
            allocation: "across",
            value: percent,
          },
        },
      ],
    },
  })
}

/** The order's amounts as Medusa computes them, for comparing documents with. */
export async function medusaTotals(
  container: MedusaContainer,
  orderId: string
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "total",
      "tax_total",
      "item_total",
      "shipping_total",
      "discount_total",
      "items.id",
      "items.quantity",
      "items.total",
      "items.tax_total",
      "items.tax_lines.rate",
      "shipping_methods.total",
      "shipping_methods.tax_total",
      "shipping_methods.tax_lines.rate",
      "summary.pending_difference",
    ],
    filters: { id: orderId },
  })
  // Rates come back as BigNumber objects; the tests compare them as plain numbers.
  const rated = <T extends { tax_lines?: { rate: unknown }[] }>(lines: T[]) =>
    lines.map((l) => ({
      ...l,
      tax_lines: (l.tax_lines ?? []).map((t) => ({ rate: Number(t.rate) })),
    }))
  return {
    ...order,
    items: rated(order.items as { tax_lines?: { rate: unknown }[] }[]),
    shipping_methods: rated(
      order.shipping_methods as { tax_lines?: { rate: unknown }[] }[]
    ),
  } as unknown as {
    total: number
    tax_total: number
    item_total: number
    shipping_total: number
    discount_total: number
    items: {
      id: string
      quantity: number
      total: number
      tax_total: number
      tax_lines: { rate: number }[]
    }[]
    shipping_methods: {
      total: number
      tax_total: number
      tax_lines: { rate: number }[]
    }[]
    summary: { pending_difference: number }
  }
}
