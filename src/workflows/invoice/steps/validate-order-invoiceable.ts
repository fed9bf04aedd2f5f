import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  InvoiceEligibleOrder,
  invoiceRefusal,
} from "../utils/invoice-eligibility"

export const validateOrderInvoiceableStepId = "msi-validate-order-invoiceable"

export type ValidateOrderInvoiceableStepInput = {
  order: InvoiceEligibleOrder
  /** "skip" (events): answer false and log why; "fail" (an admin asking): NOT_ALLOWED, a 400 with the reason. */
  when_refused: "skip" | "fail"
}

/** Whether the order may have an invoice (invoiceRefusal): true, false (skipped), or a NOT_ALLOWED error. */
export const validateOrderInvoiceableStep = createStep(
  validateOrderInvoiceableStepId,
  async (
    { order, when_refused }: ValidateOrderInvoiceableStepInput,
    { container }
  ) => {
    const refusal = invoiceRefusal(order)
    if (!refusal) {
      return new StepResponse(true)
    }
    if (when_refused === "fail") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal)
    }
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[invoice] no invoice issued: ${refusal}`)
    return new StepResponse(false)
  }
)
