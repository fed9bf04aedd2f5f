/** Salesforce faults during the soak, through the emulator's controls. */
import type { EmulatorHandle } from "salesforce-emulator"

export type SoakFaults = {
  injected: () => number
  stop: () => Promise<void>
}

export async function startSoakFaults(
  _emulator: EmulatorHandle,
  rate: number,
  log: (line: string) => void
): Promise<SoakFaults> {
  if (rate > 0) log("this emulator has no rate-based faults yet: none injected")
  return { injected: () => 0, stop: async () => undefined }
}
