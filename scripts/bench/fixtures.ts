import type { CreateInvoiceDocumentInput } from "../../src/modules/invoice/types"

export const LINES_PER_INVOICE = 3

/**
 * `count` invoices of 3 lines each, spread over `customers` distinct customers (id and email), under `tag` so
 * every run and every group of a run has its own source keys, orders and customers.
 */
export function benchInvoices(
  tag: string,
  count: number,
  customers: number
): CreateInvoiceDocumentInput[] {
  return Array.from({ length: count }, (_, i) => {
    const customer = i % Math.max(1, customers)
    const lines = Array.from({ length: LINES_PER_INVOICE }, (_, k) => {
      const quantity = k + 1
      const unitPrice = 10 + ((i + k) % 90)
      return {
        kind: "item" as const,
        title: `Bench product ${k + 1}`,
        sku: `BENCH-${k + 1}`,
        quantity,
        unit_price: unitPrice,
        is_tax_inclusive: false,
        tax_rate: 0,
        discount_total: 0,
        tax_total: 0,
        total: quantity * unitPrice,
      }
    })
    const subtotal = lines.reduce((sum, line) => sum + line.total, 0)
    return {
      type: "invoice",
      source_key: `bench:${tag}:${i}`,
      order_id: `order_bench_${tag}_${i}`,
      order_display_id: 100000 + i,
      customer_id: `cus_bench_${tag}_${customer}`,
      customer_email: `bench-${tag}-${customer}@example.com`,
      customer_name: `Bench Customer ${customer}`,
      currency_code: "eur",
      subtotal,
      discount_total: 0,
      shipping_total: 5,
      tax_total: 0,
      total: subtotal + 5,
      tax_breakdown: [],
      issued_at: new Date(),
      lines,
    }
  })
}
