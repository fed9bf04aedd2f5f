import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createOrderInvoiceWorkflow } from "../workflows/invoice"
import { orderIdOfPayment } from "../utils/order-of-payment"

/** A captured payment invoices its order (once, however often the event arrives). */
export default async function invoiceOnPaymentCaptured({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const orderId = await orderIdOfPayment(container, event.data.id)
  if (!orderId) {
    logger.warn(
      `[invoice] payment ${event.data.id} belongs to no order: no invoice issued`
    )
    return
  }
  await createOrderInvoiceWorkflow(container).run({
    input: { order_id: orderId, if_exists: "skip" },
  })
}

export const config: SubscriberConfig = {
  event: "payment.captured",
  context: { subscriberId: "invoice-on-payment-captured" },
}
