/**
 * "Sync New Order": which documents of which orders to send, and what to answer per order number. Pure, so the
 * rules (duplicates folded, unknown numbers, already synced documents not sent again) are tested alone.
 */
export type OrderSyncStatus =
  "synced" | "already_synced" | "failed" | "not_found"

export type PlannedDocument = {
  id: string
  number: string
  order_display_id: number
  sync_status: string | null
}

export type OrderPlan = {
  order_number: string
  display_id: number | null
  documents: PlannedDocument[]
  /** The documents to send: every one not in Salesforce as it is now. */
  to_send: string[]
}

/** "#12", " 12 " and "12" are the same order; anything else names no order. */
export function parseOrderNumber(value: string): number | null {
  const digits = value.trim().replace(/^#/, "")
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null
}

/** Folds duplicates (by the order they name), keeping the first spelling and the input order. */
export function foldOrderNumbers(values: string[]): string[] {
  const seen = new Set<string>()
  return values
    .map((v) => v.trim())
    .filter((v) => {
      const key = String(parseOrderNumber(v) ?? v.toLowerCase())
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}

export function planOrderSync(
  orderNumbers: string[],
  existingOrders: Set<number>,
  documents: PlannedDocument[]
): OrderPlan[] {
  return foldOrderNumbers(orderNumbers).map((order_number) => {
    const display_id = parseOrderNumber(order_number)
    const known = display_id !== null && existingOrders.has(display_id)
    const docs = known
      ? documents.filter((d) => d.order_display_id === display_id)
      : []
    return {
      order_number,
      display_id: known ? display_id : null,
      documents: docs,
      to_send: docs.filter((d) => d.sync_status !== "synced").map((d) => d.id),
    }
  })
}

export type SentDocument = {
  invoice_id: string
  status: "synced" | "failed" | "queued"
  error_message: string | null
}

/** The answer for one order number once its documents were sent (or not). */
export function orderSyncStatus(
  plan: OrderPlan,
  sent: Map<string, SentDocument>
): { status: OrderSyncStatus; message: string } {
  if (plan.display_id === null) {
    return { status: "not_found", message: "Record not found" }
  }
  if (!plan.documents.length) {
    return {
      status: "failed",
      message: `Order #${plan.display_id} has no invoice yet: create it from the order page`,
    }
  }
  if (!plan.to_send.length) {
    return {
      status: "already_synced",
      message: "Already in Salesforce; not sent again",
    }
  }
  const failures = plan.to_send
    .map((id) => sent.get(id))
    .filter((s) => s && s.status === "failed")
  if (failures.length) {
    return {
      status: "failed",
      message: failures.map((f) => f!.error_message).join("; "),
    }
  }
  return {
    status: "synced",
    message: `${plan.to_send.length} document(s) synced`,
  }
}
