import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { InvoiceEvents } from "../events"
import { createInvoiceDocumentsStep } from "../steps"
import {
  creditNoteFromRefund,
  InvoiceableOrder,
  ORDER_INVOICE_FIELDS,
  orderInvoiceKey,
  Refund,
  refundCreditNoteKey,
} from "../utils/invoice-documents"

export type CreateCreditNotesWorkflowInput = { payment_id: string }

export const createCreditNotesWorkflowId = "msi-create-credit-notes"

type PaymentWithRefunds = {
  refunds?: Refund[] | null
  payment_collection?: { order?: InvoiceableOrder | null } | null
}

/**
 * Issues a credit note for every refund of a payment that has none yet, each linked to the order's invoice.
 * Safe to run for the same payment any number of times.
 */
export const createCreditNotesWorkflow = createWorkflow(
  createCreditNotesWorkflowId,
  (input: CreateCreditNotesWorkflowInput) => {
    const { data: payments } = useQueryGraphStep({
      entity: "payment",
      fields: [
        "id",
        "refunds.id",
        "refunds.amount",
        "refunds.note",
        "refunds.created_at",
        ...ORDER_INVOICE_FIELDS.map((f) => `payment_collection.order.${f}`),
      ],
      filters: { id: input.payment_id },
      options: { throwIfKeyNotFound: true },
    })
    const orderId = transform(
      { payments },
      ({ payments }) =>
        (payments[0] as PaymentWithRefunds).payment_collection?.order?.id ??
        "__none__"
    )
    const { data: existing } = useQueryGraphStep({
      entity: "invoice",
      fields: ["id", "source_key"],
      filters: { order_id: orderId },
    }).config({ name: "find-order-documents" })

    const documents = transform(
      { payments, existing },
      ({ payments, existing }) => {
        const payment = payments[0] as PaymentWithRefunds
        const order = payment.payment_collection?.order
        if (!order) {
          return { documents: [], if_exists: "skip" as const }
        }
        const keys = new Set(
          existing.map((d: { source_key: string }) => d.source_key)
        )
        const original = existing.find(
          (d: { source_key: string }) =>
            d.source_key === orderInvoiceKey(order.id)
        )
        const documents = (payment.refunds ?? [])
          .filter((r) => !keys.has(refundCreditNoteKey(r.id)))
          .map((r) => creditNoteFromRefund(order, r, original?.id ?? null))
        return { documents, if_exists: "skip" as const }
      }
    )
    const creditNotes = createInvoiceDocumentsStep(documents)

    emitEventStep({
      eventName: InvoiceEvents.CREATED,
      data: transform({ creditNotes }, ({ creditNotes }) =>
        creditNotes.map((i) => ({ id: i.id }))
      ),
    })

    return new WorkflowResponse(creditNotes)
  }
)
