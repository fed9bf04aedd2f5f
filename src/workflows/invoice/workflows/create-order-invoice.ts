import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createInvoiceDocumentsStep,
  validateOrderInvoiceableStep,
  validateOrderNotInvoicedStep,
} from "../steps"
import {
  InvoiceableOrder,
  invoiceFromOrder,
  ORDER_INVOICE_FIELDS,
  orderInvoiceKey,
} from "../utils/invoice-documents"
import { InvoiceEvents } from "../events"

export type CreateOrderInvoiceWorkflowInput = {
  order_id: string
  /** "skip" for events that may be delivered twice; "fail" (409) for an admin asking for a new invoice. */
  if_exists?: "skip" | "fail"
}

export const createOrderInvoiceWorkflowId = "msi-create-order-invoice"

/**
 * Issues the invoice of an order from its current totals; emits `msi.invoice.created` once committed. A draft or
 * canceled order gets none: "fail" answers NOT_ALLOWED (400) with the reason, "skip" issues nothing and logs why.
 */
export const createOrderInvoiceWorkflow = createWorkflow(
  createOrderInvoiceWorkflowId,
  (input: CreateOrderInvoiceWorkflowInput) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ORDER_INVOICE_FIELDS,
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const sourceKey = transform({ input }, ({ input }) =>
      orderInvoiceKey(input.order_id)
    )
    const { data: existing } = useQueryGraphStep({
      entity: "msi_invoice",
      fields: ["id", "number"],
      filters: { source_key: sourceKey },
    }).config({ name: "find-existing-invoice" })

    // The generated graph types describe every order field loosely (display_id as a string); these are the
    // fields queried above, with their real types.
    const validation = transform(
      { orders, existing, input },
      ({ orders, existing, input }) => ({
        order_display_id: (orders[0] as unknown as InvoiceableOrder).display_id,
        existing: existing as { number: string }[],
        if_exists: input.if_exists ?? "fail",
      })
    )
    const invoiceable = validateOrderInvoiceableStep(
      transform({ orders, input }, ({ orders, input }) => ({
        order: orders[0] as unknown as InvoiceableOrder,
        when_refused: input.if_exists ?? "fail",
      }))
    )
    validateOrderNotInvoicedStep(validation)

    const documents = transform(
      { orders, existing, input, invoiceable },
      ({ orders, existing, input, invoiceable }) => ({
        documents:
          existing.length || !invoiceable
            ? []
            : [
                invoiceFromOrder(
                  orders[0] as unknown as InvoiceableOrder,
                  new Date()
                ),
              ],
        if_exists: input.if_exists ?? "fail",
      })
    )
    const invoices = createInvoiceDocumentsStep(documents)

    emitEventStep({
      eventName: InvoiceEvents.CREATED,
      data: transform({ invoices }, ({ invoices }) =>
        invoices.map((i) => ({ id: i.id }))
      ),
    })

    return new WorkflowResponse(invoices)
  }
)
