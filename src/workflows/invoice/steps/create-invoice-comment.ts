import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"

export const createInvoiceCommentStepId = "msi-create-invoice-comment"

export type CreateInvoiceCommentStepInput = {
  invoice_id: string
  text: string
  author_id: string | null
  author_name: string
}

/** Adds a comment to an invoice. */
export const createInvoiceCommentStep = createStep(
  createInvoiceCommentStepId,
  async (
    { invoice_id, ...comment }: CreateInvoiceCommentStepInput,
    { container }
  ) => {
    const service: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    const created = await service.createInvoiceComments({
      ...comment,
      invoice_id,
    })
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const service: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    await service.deleteInvoiceComments(id)
  }
)
