/**
 * Salesforce faults during the soak, through the emulator's controls: chaos of every class at the given rate
 * (lock per record, 500, 503, timeouts, commit-then-drop, token expiry, the daily limit for a moment), and row
 * locks, so concurrent batches that touch the same records meet as they do in a real org.
 */
import type { EmulatorHandle } from "salesforce-emulator"

/** The emulator holds a "timeout" request longer than the store waits (SALESFORCE_TIMEOUT_MS in the soak). */
export const CLIENT_TIMEOUT_MS = 8_000
const CHAOS_TIMEOUT_MS = 12_000
/** How long each row lock is held: long enough for concurrent batches of the workers to collide. */
const ROW_LOCK_HOLD_MS = 50

export type SoakFaults = {
  injected: () => number
  byClass: () => Record<string, number>
  stop: () => Promise<void>
}

export async function startSoakFaults(
  emulator: EmulatorHandle,
  rate: number,
  log: (line: string) => void
): Promise<SoakFaults> {
  emulator.setRowLocks({ holdMs: ROW_LOCK_HOLD_MS })
  const settings = emulator.setChaos({
    rate,
    timeoutMs: CHAOS_TIMEOUT_MS,
  })
  log(
    `faults: ${settings.rate} of REST requests (${settings.classes.join(", ")}), row locks held ${ROW_LOCK_HOLD_MS} ms`
  )
  let stopped = false
  return {
    injected: () => emulator.faultStats().faults_injected,
    byClass: () => emulator.faultStats().byClass,
    stop: async () => {
      if (stopped) return
      stopped = true
      emulator.setChaos({ rate: 0 })
      emulator.setRowLocks({ holdMs: 0 })
    },
  }
}
