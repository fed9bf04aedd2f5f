import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  orderSyncStatus,
  parseOrderNumber,
  planOrderSync,
} from "../../../../workflows/salesforce/utils/order-sync-plan"
import { runSync, toSyncResult } from "../helpers"
import type { AdminSyncOrdersType } from "../validators"

/** "Sync New Order": every invoice and credit note of each order number, one result per number. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSyncOrdersType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const displayIds = req.validatedBody.order_numbers
    .map(parseOrderNumber)
    .filter((n): n is number => n !== null)
  const { data: orders } = displayIds.length
    ? // The generated filter types take display_id as a string; the column is an integer.
      await query.graph({
        entity: "order",
        fields: ["display_id"],
        filters: { display_id: displayIds as unknown as string[] },
      })
    : { data: [] }
  const { data: documents } = displayIds.length
    ? await query.graph({
        entity: "msi_invoice",
        fields: ["id", "number", "order_display_id", "msi_invoice_sync.status"],
        filters: { order_display_id: displayIds },
      })
    : { data: [] }
  const plans = planOrderSync(
    req.validatedBody.order_numbers,
    new Set(orders.map((o) => Number(o.display_id))),
    documents.map(
      (d: {
        id: string
        number: string
        order_display_id: number
        msi_invoice_sync?: { status: string } | null
      }) => ({
        id: d.id,
        number: d.number,
        order_display_id: d.order_display_id,
        sync_status: d.msi_invoice_sync?.status ?? null,
      })
    )
  )

  const toSend = plans.flatMap((p) => p.to_send)
  let runId: string | null = null
  const sent = new Map<
    string,
    ReturnType<typeof toSyncResult> & { error_message: string | null }
  >()
  if (toSend.length) {
    const result = await runSync(req, res, {
      invoice_ids: toSend,
      trigger: "order_numbers",
      started_by: req.auth_context.actor_id,
    })
    if (!result) return
    runId = result.run_id ?? null
    const numbers = new Map(
      documents.map((d: { id: string; number: string }) => [d.id, d.number])
    )
    for (const o of result.outcomes.values()) {
      sent.set(o.invoice_id, {
        ...toSyncResult(o, numbers.get(o.invoice_id) ?? o.invoice_id),
        error_message: o.error_message,
      })
    }
  }

  res.json({
    run_id: runId,
    results: plans.map((plan) => ({
      order_number: plan.order_number,
      ...orderSyncStatus(plan, sent),
      invoices: plan.documents.map((d) => {
        const result = sent.get(d.id)
        if (result) {
          const { error_message: _, ...rest } = result
          return rest
        }
        return {
          invoice_id: d.id,
          number: d.number,
          status: d.sync_status ?? "not_synced",
          salesforce_id: null,
          salesforce_url: null,
          error: null,
        }
      }),
    })),
  })
}
