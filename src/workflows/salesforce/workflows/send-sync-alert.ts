import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  buildSyncAlertStep,
  BuildSyncAlertStepInput,
  sendSyncAlertEmailStep,
} from "../steps"

export const sendSyncAlertWorkflowId = "msi-send-sync-alert"

/**
 * One admin notification (the feed of the admin's notification panel) for a sync event that calls for one, and
 * its copy by email when `alertEmail` is set. The notification's idempotency key makes a redelivered event a
 * no-op.
 */
export const sendSyncAlertWorkflow = createWorkflow(
  sendSyncAlertWorkflowId,
  (input: BuildSyncAlertStepInput) => {
    const alert = buildSyncAlertStep(input)
    const feed = transform({ alert }, ({ alert }) => alert.feed)
    const email = transform({ alert }, ({ alert }) => alert.email)
    sendNotificationsStep(feed)
    sendSyncAlertEmailStep(email)
    return new WorkflowResponse(alert)
  }
)
