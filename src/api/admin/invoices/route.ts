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
import { listInvoiceGridPage } from "../../../queries/invoice-grid-page"
import { presentInvoice, refetchInvoice } from "./helpers"
import type {
  AdminCreateInvoiceType,
  AdminGetInvoicesParamsType,
} from "./validators"

/** Invoices and credit notes, newest first: the page's ids from one indexed query, then their fields. */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminGetInvoicesParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { offset, limit, order } =
    req.validatedQuery as AdminGetInvoicesParamsType
  const { ids, count, count_capped } = await listInvoiceGridPage(req.scope, {
    ...(req.filterableFields as AdminGetInvoicesParamsType),
    order,
    offset,
    limit,
  })
  const { data } = ids.length
    ? await query.graph({
        entity: "msi_invoice",
        fields: req.queryConfig.fields,
        filters: { id: ids },
      })
    : { data: [] }
  const byId = new Map(data.map((invoice) => [invoice.id, invoice]))
  res.json({
    invoices: ids.flatMap((id) =>
      byId.has(id) ? [presentInvoice(byId.get(id)!)] : []
    ),
    count,
    count_capped,
    offset,
    limit,
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
