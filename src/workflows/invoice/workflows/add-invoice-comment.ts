import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { InvoiceEvents } from "../events"
import { createInvoiceCommentStep } from "../steps"

export type AddInvoiceCommentWorkflowInput = {
  invoice_id: string
  text: string
  author_id: string | null
  author_name: string
}

export const addInvoiceCommentWorkflowId = "msi-add-invoice-comment"

/** Adds a comment to an existing invoice (404 otherwise); emits `msi.invoice.comment_created`. */
export const addInvoiceCommentWorkflow = createWorkflow(
  addInvoiceCommentWorkflowId,
  (input: AddInvoiceCommentWorkflowInput) => {
    useQueryGraphStep({
      entity: "msi_invoice",
      fields: ["id"],
      filters: { id: input.invoice_id },
      options: { throwIfKeyNotFound: true },
    })
    const comment = createInvoiceCommentStep(input)
    emitEventStep({
      eventName: InvoiceEvents.COMMENT_CREATED,
      data: transform({ comment }, ({ comment }) => ({
        id: comment.id,
        invoice_id: comment.invoice_id,
      })),
    })
    return new WorkflowResponse(comment)
  }
)
