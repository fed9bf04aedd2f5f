import { EmulatorHandle, startEmulator } from "salesforce-emulator"
import { SalesforceClient } from "../../../modules/salesforce/lib/client"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"

// jsforce's transport ignores NO_PROXY: loopback calls must not go to a proxy.
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
  delete process.env[name]
}

/** One emulator for the file, reset before each test, and a fresh client logged in to it. */
export function useEmulatorClient() {
  const handle = {} as { emu: EmulatorHandle; client: SalesforceClient }
  beforeAll(async () => {
    handle.emu = await startEmulator({ port: 0 })
  })
  afterAll(async () => {
    await handle.emu.stop()
  })
  beforeEach(() => {
    handle.emu.reset()
    handle.client = new SalesforceClient({
      loginUrl: handle.emu.url,
      authFlow: "client_credentials",
      clientId: handle.emu.clientId,
      clientSecret: handle.emu.clientSecret,
    })
  })
  return handle
}

/** Invoice `i` of a batch over `customers` customers: 30.00 in three lines. */
export function threeLineInvoice(
  i: number,
  customers: number,
  lineTitle = (k: number) => `Product ${k}`
): SyncableInvoice {
  const customer = i % customers
  return {
    id: `inv_${i}`,
    number: `INV-${i}`,
    type: "invoice",
    order_id: `order_${i}`,
    order_display_id: i,
    customer_id: `cus_${customer}`,
    customer_email: `c${customer}@example.com`,
    customer_name: `Customer ${customer}`,
    currency_code: "eur",
    subtotal: 30,
    discount_total: 0,
    shipping_total: 0,
    tax_total: 0,
    total: 30,
    issued_at: "2026-03-04T10:00:00Z",
    lines: [0, 1, 2].map((k) => ({
      id: `inv_${i}_l${k}`,
      title: lineTitle(k),
      quantity: 1,
      unit_price: 10,
      discount_total: 0,
      tax_total: 0,
      total: 10,
    })),
  }
}
