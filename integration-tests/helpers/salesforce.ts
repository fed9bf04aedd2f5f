import type { MedusaContainer } from "@medusajs/framework/types"
import {
  startEmulator,
  EmulatorHandle,
  EmulatorOptions,
} from "salesforce-emulator"
import { adminHeaders } from "./admin"
import { createRegion, placeTestOrder } from "./store"

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

type AdminApi = {
  post: (url: string, body: unknown, config: unknown) => Promise<{ data: any }>
}

/**
 * The shared start of a sync test file: `prepareSyncTest` before each test, and the admin actions the files repeat.
 * `asAdmin` is the request config with the admin's headers (one object, its headers renewed before each test, so it
 * can be destructured once); `regionId` is read from the returned object. Call in the runner's `testSuite`: hooks a
 * file adds after it run after its own.
 */
export function useSyncTest(
  { api, getContainer }: { api: AdminApi; getContainer: () => MedusaContainer },
  sf: { readonly emu: EmulatorHandle },
  settings?: Record<string, boolean>
) {
  const asAdmin = { headers: {} as Record<string, string> }
  const store = {
    asAdmin,
    regionId: "",
    /**
     * A new test order (a new registered buyer, unless `email` is given; a guest checkout with `guest`) and the
     * invoice an admin creates from it.
     */
    newInvoice: async ({
      email,
      sku,
      guest,
    }: { email?: string; sku?: string; guest?: boolean } = {}) => {
      const order = await placeTestOrder(
        getContainer(),
        store.regionId,
        email,
        sku,
        guest ? "guest" : "registered"
      )
      const { invoice } = (
        await api.post("/admin/invoices", { order_id: order.id }, asAdmin)
      ).data
      return { order, invoice }
    },
    /** The invoice page's sync: the attempt's result. */
    sync: async (id: string) =>
      (await api.post(`/admin/invoices/${id}/salesforce-sync`, {}, asAdmin))
        .data.result,
    /** The grid's bulk sync: the queued run. */
    bulkSync: async (ids: string[]) =>
      (
        await api.post(
          "/admin/invoices/salesforce-sync",
          { invoice_ids: ids },
          asAdmin
        )
      ).data,
  }
  beforeEach(async () => {
    const prepared = await prepareSyncTest(
      getContainer(),
      sf.emu,
      api,
      settings
    )
    asAdmin.headers = prepared.headers
    store.regionId = prepared.regionId
  })
  return store
}
