import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const validateOrderNotInvoicedStepId = "msi-validate-order-not-invoiced"

export type ValidateOrderNotInvoicedStepInput = {
  order_display_id: number
  existing: { number: string }[]
  if_exists: "skip" | "fail"
}

/**
 * Fails with a conflict when the order already has its invoice and the caller asked for a new one. The unique
 * source key in the database is what really prevents a second invoice; this step gives the clear message.
 */
export const validateOrderNotInvoicedStep = createStep(
  validateOrderNotInvoicedStepId,
  async ({
    order_display_id,
    existing,
    if_exists,
  }: ValidateOrderNotInvoicedStepInput) => {
    if (existing.length && if_exists === "fail") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Order #${order_display_id} already has invoice ${existing[0].number}`
      )
    }
    return new StepResponse(void 0)
  }
)
