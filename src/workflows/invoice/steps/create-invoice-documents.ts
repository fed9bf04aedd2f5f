import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import type { CreateInvoiceDocumentInput } from "../../../modules/invoice/types"

export type CreatedInvoiceDocument = { id: string; number: string; type: string; order_id: string }

export const createInvoiceDocumentsStepId = "create-invoice-documents"

/** Creates invoices / credit notes with their lines and numbers; removed again if the workflow fails later. */
export const createInvoiceDocumentsStep = createStep(
  createInvoiceDocumentsStepId,
  async (documents: CreateInvoiceDocumentInput[], { container }) => {
    if (!documents.length) {
      return new StepResponse<CreatedInvoiceDocument[], string[]>([], [])
    }
    const service: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    const created = await service.createInvoiceDocuments(documents)
    return new StepResponse<CreatedInvoiceDocument[], string[]>(
      created.map(({ id, number, type, order_id }) => ({ id, number, type, order_id })),
      created.map((i) => i.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    // A hard delete: the numbers stay consumed (the sequence never hands them out again).
    await service.deleteInvoices(ids)
  }
)
