import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { AdminGetInvoicesParamsType } from "./validators"

/** Reads one invoice with the requested fields; 404 names the id. */
export async function refetchInvoice(container: MedusaContainer, id: string, fields: string[]) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [invoice],
  } = await query.graph({ entity: "invoice", fields, filters: { id } })
  if (!invoice) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${id} was not found`)
  }
  return invoice
}

/**
 * Turns the list query into filters on the invoice: `q` matches the invoice number, the customer's email, or the
 * order's number ("#12" or "12").
 */
export function invoiceListFilters(params: Omit<AdminGetInvoicesParamsType, "limit" | "offset" | "order" | "fields">) {
  const { q, ...rest } = params
  const filters: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const or: Record<string, unknown>[] = [{ number: { $ilike: like } }, { customer_email: { $ilike: like } }]
    const orderNumber = q.replace(/^#/, "")
    if (/^\d{1,9}$/.test(orderNumber)) {
      or.push({ order_display_id: Number(orderNumber) })
    }
    filters.$or = or
  }
  return filters
}
