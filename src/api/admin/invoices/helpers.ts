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
  msi_invoice_sync?: {
    status: string
    salesforce_id: string | null
    salesforce_url: string | null
    error_message: string | null
    error_code?: string | null
  } | null
}

/** An invoice as the admin API answers it: its Salesforce state flattened beside its own fields. */
export function presentInvoice({
  msi_invoice_sync,
  ...invoice
}: InvoiceWithSync) {
  return {
    ...invoice,
    salesforce_id: msi_invoice_sync?.salesforce_id ?? null,
    salesforce_url: msi_invoice_sync?.salesforce_url ?? null,
    sync_status: msi_invoice_sync?.status ?? "not_synced",
    sync_error:
      msi_invoice_sync?.status === "failed"
        ? msi_invoice_sync.error_message
        : null,
    sync_hint: msi_invoice_sync
      ? hintForAttempt({
          status: msi_invoice_sync.status,
          error_code: msi_invoice_sync.error_code ?? null,
          error_message: msi_invoice_sync.error_message,
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
  } = await query.graph({ entity: "msi_invoice", fields, filters: { id } })
  if (!invoice) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Invoice with id: ${id} was not found`
    )
  }
  return presentInvoice(invoice)
}
