import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INVOICE_MODULE } from "../../../modules/invoice"
import type InvoiceModuleService from "../../../modules/invoice/service"
import type { CreateInvoiceDocumentInput } from "../../../modules/invoice/types"

export type CreatedInvoiceDocument = {
  id: string
  number: string
  type: string
  order_id: string
}

export const createInvoiceDocumentsStepId = "msi-create-invoice-documents"

export type CreateInvoiceDocumentsStepInput = {
  documents: CreateInvoiceDocumentInput[]
  /**
   * "skip": a document another run created meanwhile (the same event delivered twice, at once) is left out
   * instead of failing the workflow.
   */
  if_exists: "skip" | "fail"
  /**
   * Keep the documents when the workflow fails later: an invoice created ahead of its credit note is owed
   * anyway, so it stays issued rather than voided.
   */
  keep_on_rollback?: boolean
}

/** Creates invoices / credit notes with their lines and numbers; voided if the workflow fails later. */
export const createInvoiceDocumentsStep = createStep(
  createInvoiceDocumentsStepId,
  async (
    { documents, if_exists, keep_on_rollback }: CreateInvoiceDocumentsStepInput,
    { container }
  ) => {
    if (!documents.length) {
      return new StepResponse<CreatedInvoiceDocument[], string[]>([], [])
    }
    const service: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    const created = await service
      .createInvoiceDocuments(documents)
      .catch(async (error) => {
        if (
          if_exists === "fail" ||
          !MedusaError.isMedusaError(error) ||
          error.type !== MedusaError.Types.CONFLICT
        ) {
          throw error
        }
        const taken = await service.listInvoices(
          { source_key: documents.map((d) => d.source_key) },
          { select: ["source_key"] }
        )
        const keys = new Set(taken.map((t) => t.source_key))
        const remaining = documents.filter((d) => !keys.has(d.source_key))
        return remaining.length ? service.createInvoiceDocuments(remaining) : []
      })
    return new StepResponse<CreatedInvoiceDocument[], string[]>(
      created.map(({ id, number, type, order_id }) => ({
        id,
        number,
        type,
        order_id,
      })),
      keep_on_rollback ? [] : created.map((i) => i.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: InvoiceModuleService = container.resolve(INVOICE_MODULE)
    // Committed documents are voided, not deleted: the row keeps its number (the counter never hands it out again),
    // so the series has no unexplained gap, and its source is free for the next attempt (the unique index on
    // source_key leaves voided rows out). Nothing reads a voided document as issued: every query of documents,
    // the sync's and the catch-up's included, skips soft-deleted rows.
    await service.softDeleteInvoices(ids)
  }
)
