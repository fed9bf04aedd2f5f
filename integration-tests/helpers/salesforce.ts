import type { MedusaContainer } from "@medusajs/framework/types"
import {
  startEmulator,
  EmulatorHandle,
  EmulatorOptions,
} from "salesforce-emulator"
import { adminHeaders } from "./admin"
import { createRegion } from "./store"

/**
 * Starts a Salesforce emulator before the store boots and points the store's connection at it (medusa-config
 * reads these variables when the test runner loads it). Call at the top of a test file, before the runner.
 * `options` shape the org, e.g. `{ multiCurrency: { activeCurrencies: ["EUR"] } }`.
 */
export function useSalesforceEmulator(options: EmulatorOptions = {}): {
  readonly emu: EmulatorHandle
} {
  const state: { emu?: EmulatorHandle } = {}
  beforeAll(async () => {
    // jsforce ignores NO_PROXY: a proxy from the environment would swallow loopback requests.
    for (const key of [
      "HTTP_PROXY",
      "HTTPS_PROXY",
      "http_proxy",
      "https_proxy",
    ])
      delete process.env[key]
    state.emu = await startEmulator({ ...options, port: 0 })
    Object.assign(process.env, {
      SALESFORCE_LOGIN_URL: state.emu.url,
      SALESFORCE_AUTH_FLOW: "client_credentials",
      SALESFORCE_CLIENT_ID: state.emu.clientId,
      SALESFORCE_CLIENT_SECRET: state.emu.clientSecret,
      SALESFORCE_RETRY_BASE_DELAY_MS: "20",
      SALESFORCE_TIMEOUT_MS: "5000",
      SALESFORCE_AUTOMATIC_SYNC_WINDOW_MS: "300",
    })
  })
  afterAll(async () => {
    await state.emu?.stop()
  })
  return {
    get emu() {
      return state.emu!
    },
  }
}

/**
 * A clean start for each sync test: an empty emulator, an admin login, a region to sell in and, when given, the
 * sync settings to begin with.
 */
export async function prepareSyncTest(
  container: MedusaContainer,
  emu: EmulatorHandle,
  api: {
    post: (url: string, body: unknown, config: unknown) => Promise<unknown>
  },
  settings?: Record<string, boolean>
) {
  emu.reset()
  const { headers } = await adminHeaders(container)
  const regionId = (await createRegion(container)).id
  if (settings) {
    await api.post("/admin/salesforce/settings", settings, { headers })
  }
  return { headers, regionId }
}
