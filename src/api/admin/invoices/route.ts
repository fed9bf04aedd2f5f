import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import {
  createOrderInvoiceWorkflow,
  CreatedInvoiceDocument,
} from "../../../workflows/invoice"
import {
  invoiceListFilters,
  presentInvoice,
  refetchInvoice,
  syncStatusFilter,
} from "./helpers"
import type {
  AdminCreateInvoiceType,
  AdminGetInvoicesParamsType,
} from "./validators"

/** Invoices and credit notes, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminGetInvoicesParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { sync_status, ...params } =
    req.filterableFields as AdminGetInvoicesParamsType
  const filters = invoiceListFilters(params)
  const { data: invoices, metadata } = await query.graph({
    entity: "invoice",
    fields: req.queryConfig.fields,
    filters: sync_status
      ? { $and: [filters, await syncStatusFilter(req.scope, sync_status)] }
      : filters,
    pagination: {
      ...req.queryConfig.pagination,
      order: req.queryConfig.pagination?.order ?? {
        created_at: "DESC",
        sequence: "DESC",
      },
    },
  })
  res.json({
    invoices: invoices.map(presentInvoice),
    count: metadata?.count ?? 0,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? 20,
  })
}

/** Issues the invoice of an order that has none (409 when it has one). */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminCreateInvoiceType>,
  res: MedusaResponse
) => {
  let result: CreatedInvoiceDocument[]
  try {
    ;({ result } = await createOrderInvoiceWorkflow(req.scope).run({
      input: { order_id: req.validatedBody.order_id, if_exists: "fail" },
    }))
  } catch (error) {
    // Medusa's error handler would replace the conflict's message with a generic one; the admin needs to know
    // which invoice the order already has.
    if (
      MedusaError.isMedusaError(error) &&
      error.type === MedusaError.Types.CONFLICT
    ) {
      res.status(409).json({ type: "conflict", message: error.message })
      return
    }
    throw error
  }
  const invoice = await refetchInvoice(
    req.scope,
    result[0].id,
    req.queryConfig.fields
  )
  res.status(201).json({ invoice })
}
