/** What decides whether an order may have an invoice: the order's status and whether it is still a draft. */
export type InvoiceEligibleOrder = {
  display_id: number
  status?: string | null
  is_draft_order?: boolean | null
}

/**
 * Why the order may not have an invoice, or null when it may: a draft order is not a sale yet (its price and items
 * may still change, and it may never be placed), and a canceled order has nothing left to invoice.
 */
export function invoiceRefusal(order: InvoiceEligibleOrder): string | null {
  if (order.is_draft_order || order.status === "draft") {
    return `Order #${order.display_id} is a draft order: it gets its invoice once it is placed`
  }
  if (order.status === "canceled") {
    return `Order #${order.display_id} is canceled: a canceled order gets no invoice`
  }
  return null
}
