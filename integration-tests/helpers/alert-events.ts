import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { SalesforceSyncEvents } from "../../src/workflows/salesforce/events"
import { eventually } from "./http"

/** The events the alert subscriber (src/subscribers/salesforce-sync-alerts.ts) turns into alerts. */
const ALERT_EVENTS = [
  SalesforceSyncEvents.RUN_FINISHED,
  SalesforceSyncEvents.CONNECTION_FAILED,
  SalesforceSyncEvents.SYNC_PAUSED,
]

/**
 * "No second alert" holds only once the alert work of every sync event so far has run: each of these events runs
 * the alert workflow, whose feed step calls the notification module's createNotifications once (with nothing when
 * no alert is due). `settled()` waits until it has been called as many times as such events were emitted (counted
 * over the whole file, so work left over from an earlier test is waited for too); then the notifications can be
 * counted. Call in the runner's `testSuite`.
 */
export function useAlertEvents(getContainer: () => MedusaContainer) {
  const seen = { events: 0, handled: 0 }
  let restore = () => {}
  beforeAll(() => {
    const container = getContainer()
    const bus = container.resolve(Modules.EVENT_BUS)
    for (const name of ALERT_EVENTS) {
      bus.subscribe(
        name,
        async () => {
          seen.events++
        },
        { subscriberId: `test-alert-events:${name}` }
      )
    }
    const notifications = container.resolve(Modules.NOTIFICATION)
    const original = notifications.createNotifications.bind(notifications)
    const spy = jest
      .spyOn(notifications, "createNotifications")
      // The module's overloads (one or many) are passed through as given.
      .mockImplementation((async (...args: Parameters<typeof original>) => {
        try {
          return await original(...args)
        } finally {
          seen.handled++
        }
      }) as typeof original)
    restore = () => spy.mockRestore()
  })
  afterAll(() => restore())
  return {
    /** Resolves once every alert event so far has been through the alert workflow's feed step. */
    settled: () =>
      eventually(async () => (seen.handled >= seen.events ? true : undefined)),
  }
}
