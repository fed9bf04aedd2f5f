import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../modules/salesforce"
import { hintForAttempt } from "../../../modules/salesforce/fix-hints"
import type SalesforceModuleService from "../../../modules/salesforce/service"
import type { AdminGetInvoicesParamsType } from "./validators"

type InvoiceWithSync = Record<string, unknown> & {
  invoice_sync?: {
    status: string
    salesforce_id: string | null
    salesforce_url: string | null
    error_message: string | null
    error_code?: string | null
  } | null
}

/** An invoice as the admin API answers it: its Salesforce state flattened beside its own fields. */
export function presentInvoice({ invoice_sync, ...invoice }: InvoiceWithSync) {
  return {
    ...invoice,
    salesforce_id: invoice_sync?.salesforce_id ?? null,
    salesforce_url: invoice_sync?.salesforce_url ?? null,
    sync_status: invoice_sync?.status ?? "not_synced",
    sync_error:
      invoice_sync?.status === "failed" ? invoice_sync.error_message : null,
    sync_hint: invoice_sync
      ? hintForAttempt({
          status: invoice_sync.status,
          error_code: invoice_sync.error_code ?? null,
          error_message: invoice_sync.error_message,
          order_display_id:
            typeof invoice.order_display_id === "number"
              ? invoice.order_display_id
              : null,
        })
      : null,
  }
}

/** Reads one invoice with the requested fields; 404 names the id. */
export async function refetchInvoice(
  container: MedusaContainer,
  id: string,
  fields: string[]
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [invoice],
  } = await query.graph({ entity: "invoice", fields, filters: { id } })
  if (!invoice) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Invoice with id: ${id} was not found`
    )
  }
  return presentInvoice(invoice)
}

/**
 * The sync status lives in the Salesforce module, and query filters apply to the invoice only: turn a status
 * into the invoice ids that have it (or, for "not_synced", the ids to leave out).
 */
export async function syncStatusFilter(
  container: MedusaContainer,
  status: string
): Promise<Record<string, unknown>> {
  const salesforce: SalesforceModuleService =
    container.resolve(SALESFORCE_MODULE)
  if (status === "not_synced") {
    const tried = await salesforce.listInvoiceSyncs(
      {},
      { select: ["invoice_id"] }
    )
    return { id: { $nin: tried.map((t) => t.invoice_id) } }
  }
  const rows = await salesforce.listInvoiceSyncs(
    { status },
    { select: ["invoice_id"] }
  )
  return { id: rows.map((r) => r.invoice_id) }
}

/**
 * Turns the list query into filters on the invoice: `q` matches the invoice number, the customer's email, or the
 * order's number ("#12" or "12").
 */
export function invoiceListFilters(
  params: Omit<
    AdminGetInvoicesParamsType,
    "limit" | "offset" | "order" | "fields" | "sync_status"
  >
) {
  const { q, ...rest } = params
  const filters: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined)
  )
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const or: Record<string, unknown>[] = [
      { number: { $ilike: like } },
      { customer_email: { $ilike: like } },
    ]
    const orderNumber = q.replace(/^#/, "")
    if (/^\d{1,9}$/.test(orderNumber)) {
      or.push({ order_display_id: Number(orderNumber) })
    }
    filters.$or = or
  }
  return filters
}
