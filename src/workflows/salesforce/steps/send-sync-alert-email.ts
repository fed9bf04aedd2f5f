import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { SendNotificationsStepInput } from "@medusajs/medusa/core-flows"

export const sendSyncAlertEmailStepId = "msi-send-sync-alert-email"

/**
 * Sends the alert by email. A store without a provider on the `email` channel (or a provider that fails) gets a
 * warning in the log, not a failed workflow: the feed notification is the alert, the email a copy. Nothing to compensate: a sent email
 * stays sent, and its idempotency key stops a second one.
 */
export const sendSyncAlertEmailStep = createStep(
  sendSyncAlertEmailStepId,
  async (notifications: SendNotificationsStepInput, { container }) => {
    if (!notifications.length) {
      return new StepResponse(void 0)
    }
    const notification = container.resolve(Modules.NOTIFICATION)
    try {
      await notification.createNotifications(notifications)
    } catch (error) {
      // Never fail the alert for its copy: the feed notification before this step would be compensated away.
      const reason =
        MedusaError.isMedusaError(error) &&
        error.type === MedusaError.Types.NOT_FOUND
          ? "alertEmail is set, but no notification provider serves the email channel"
          : "the alert email could not be sent"
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`[salesforce] ${reason}: ${(error as Error).message}`)
    }
    return new StepResponse(void 0)
  }
)
