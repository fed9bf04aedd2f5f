import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { createCreditNotesWorkflow } from "../workflows/invoice"

/** A refund issues its credit note (once per refund). */
export default async function creditNoteOnPaymentRefunded({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  await createCreditNotesWorkflow(container).run({
    input: { payment_id: event.data.id },
  })
}

export const config: SubscriberConfig = {
  event: "payment.refunded",
  context: { subscriberId: "credit-note-on-payment-refunded" },
}
