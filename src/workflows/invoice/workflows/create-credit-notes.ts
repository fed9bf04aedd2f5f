import {
  acquireLockStep,
  emitEventStep,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { CreateInvoiceDocumentInput } from "../../../modules/invoice/types"
import { InvoiceEvents } from "../events"
import { createInvoiceDocumentsStep } from "../steps"
import {
  creditNoteForRefund,
  EarlierCreditNote,
  IssuedInvoice,
  OrderReturn,
  Refund,
  refundCreditNoteKey,
} from "../utils/credit-notes"
import {
  InvoiceableOrder,
  invoiceFromOrder,
  ORDER_INVOICE_FIELDS,
  orderInvoiceKey,
} from "../utils/invoice-documents"
import { INVOICE_FIELDS, INVOICE_LINE_FIELDS } from "../utils/invoice-fields"
import { invoiceRefusal } from "../utils/invoice-eligibility"

export type CreateCreditNotesWorkflowInput = { payment_id: string }

export const createCreditNotesWorkflowId = "msi-create-credit-notes"

type PaymentWithRefunds = {
  refunds?: Refund[] | null
  payment_collection?: { order?: { id: string } | null } | null
}

type OrderWithReturns = InvoiceableOrder & {
  returns?: Array<{
    id: string
    status: string
    created_at: string | Date
    items?: OrderReturn["items"] | null
  } | null> | null
}

type StoredDocument = IssuedInvoice &
  EarlierCreditNote & {
    type: string
    source_key: string
    original_invoice_id?: string | null
  }

const DOCUMENT_FIELDS = [
  "source_key",
  "return_id",
  ...INVOICE_FIELDS,
  ...INVOICE_LINE_FIELDS,
  "lines.original_line_id",
]

/**
 * Issues a credit note for every refund of a payment that has none yet, each linked to the order's invoice; an
 * order refunded before it was invoiced is invoiced first. Safe to run for the same payment any number of times,
 * also at the same time: the order's documents are read and written under a lock on the order, so two refunds
 * never both credit what is left of the invoice.
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
        "payment_collection.order.id",
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
    const lockKey = transform(
      { orderId },
      ({ orderId }) => `msi-invoice-documents:${orderId}`
    )
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })

    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: [
        ...ORDER_INVOICE_FIELDS,
        "returns.id",
        "returns.status",
        "returns.created_at",
        // "*": asked for by name, the return item's quantity (a bigNumber) does not come back.
        "returns.items.*",
      ],
      filters: { id: orderId },
    }).config({ name: "find-order" })
    const { data: before } = useQueryGraphStep({
      entity: "msi_invoice",
      fields: ["id", "source_key"],
      filters: { order_id: orderId },
    }).config({ name: "find-order-documents" })

    const missingInvoice = transform(
      { orders, before, payments },
      ({ orders, before, payments }) => {
        const order = orders[0] as unknown as OrderWithReturns | undefined
        const refunds = (payments[0] as PaymentWithRefunds).refunds ?? []
        // A draft or canceled order gets no invoice (invoiceRefusal), so nothing for its credit notes to correct.
        const needed =
          order &&
          refunds.length &&
          !invoiceRefusal(order) &&
          !before.some(
            (d: { source_key: string }) =>
              d.source_key === orderInvoiceKey(order.id)
          )
        return {
          documents: needed ? [invoiceFromOrder(order, new Date())] : [],
          if_exists: "skip" as const,
          keep_on_rollback: true,
        }
      }
    )
    const invoices = createInvoiceDocumentsStep(missingInvoice).config({
      name: "create-missing-invoice",
    })

    const { data: documents } = useQueryGraphStep({
      entity: "msi_invoice",
      fields: DOCUMENT_FIELDS,
      filters: { order_id: orderId },
    }).config({ name: "read-order-documents" })

    const creditNoteInput = transform(
      { orders, documents, payments },
      ({ orders, documents, payments }) => {
        const order = orders[0] as unknown as OrderWithReturns | undefined
        const stored = documents as unknown as StoredDocument[]
        const invoice = order
          ? stored.find((d) => d.source_key === orderInvoiceKey(order.id))
          : undefined
        if (!order || !invoice) {
          return { documents: [], if_exists: "skip" as const }
        }
        const earlier: EarlierCreditNote[] = stored.filter(
          (d) =>
            d.type === "credit_note" && d.original_invoice_id === invoice.id
        )
        const keys = new Set(stored.map((d) => d.source_key))
        const creditNotes: CreateInvoiceDocumentInput[] = []
        const refunds = [...((payments[0] as PaymentWithRefunds).refunds ?? [])]
          .filter((r) => !keys.has(refundCreditNoteKey(r.id)))
          .sort(
            (a, b) =>
              new Date(a.created_at ?? 0).getTime() -
              new Date(b.created_at ?? 0).getTime()
          )
        for (const refund of refunds) {
          // The oldest return not yet credited is the one this refund pays back.
          const creditedReturns = new Set(earlier.map((n) => n.return_id))
          const orderReturn = (order.returns ?? [])
            .filter(
              (r) =>
                r &&
                r.status !== "canceled" &&
                r.items?.length &&
                !creditedReturns.has(r.id)
            )
            .sort(
              (a, b) =>
                new Date(a!.created_at).getTime() -
                new Date(b!.created_at).getTime()
            )[0]
          const note = creditNoteForRefund(
            invoice,
            earlier,
            refund,
            orderReturn
              ? { id: orderReturn.id, items: orderReturn.items! }
              : null
          )
          if (note) {
            creditNotes.push(note)
            earlier.push(note)
          }
        }
        return { documents: creditNotes, if_exists: "skip" as const }
      }
    )
    const creditNotes = createInvoiceDocumentsStep(creditNoteInput)
    releaseLockStep({ key: lockKey })

    emitEventStep({
      eventName: InvoiceEvents.CREATED,
      data: transform({ invoices, creditNotes }, ({ invoices, creditNotes }) =>
        [...invoices, ...creditNotes].map((i) => ({ id: i.id }))
      ),
    })

    return new WorkflowResponse(creditNotes)
  }
)
