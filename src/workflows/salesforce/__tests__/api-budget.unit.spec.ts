import { useEmulatorClient } from "./emulator-client"
import {
  budgetCeiling,
  budgetReason,
  exceedsBudget,
} from "../../../modules/salesforce/api-budget"
import { ApiMeter } from "../../../modules/salesforce/lib/client"
import type { SyncableInvoice } from "../../../modules/salesforce/mapping"
import { sendBatch, SendContext } from "../utils/send-batch"

const invoice = (i: number): SyncableInvoice => ({
  id: `inv_${i}`,
  number: `INV-${i}`,
  type: "invoice",
  order_id: `order_${i}`,
  order_display_id: i,
  customer_id: `cus_${i}`,
  customer_email: `c${i}@example.com`,
  customer_name: `Customer ${i}`,
  currency_code: "eur",
  subtotal: 10,
  discount_total: 0,
  shipping_total: 0,
  tax_total: 0,
  total: 10,
  issued_at: "2026-03-04T10:00:00Z",
  lines: [
    {
      id: `inv_${i}_l0`,
      title: "Product",
      quantity: 1,
      unit_price: 10,
      discount_total: 0,
      tax_total: 0,
      total: 10,
    },
  ],
})

describe("the API budget, pure", () => {
  it("caps usage at the share of the limit, rounded down, and says so", () => {
    expect(budgetCeiling(100_000, 50)).toBe(50_000)
    expect(budgetCeiling(15_001, 33)).toBe(4950)
    expect(exceedsBudget({ used: 49_998, limit: 100_000 }, 50, 2)).toBe(false)
    expect(exceedsBudget({ used: 49_998, limit: 100_000 }, 50, 3)).toBe(true)
    expect(budgetReason({ used: 50_000, limit: 100_000 }, 50)).toBe(
      "API budget reached (50000 of 100000 requests today, budget 50 %)"
    )
  })
})

describe("a batch held to the API budget, against the emulator", () => {
  const sf = useEmulatorClient()

  const context = (meter: ApiMeter, percent?: number): SendContext => ({
    transport: {
      upsertRecords: (o, f, r) => sf.client.upsert(o, f, r),
      queryRecords: (soql) => sf.client.query(soql),
      destroyRecords: (o, ids) => sf.client.destroy(o, ids),
      recordUrl: (o, id) => sf.client.recordUrl(o, id),
      upsertComposite: (collections) => sf.client.upsertComposite(collections),
    },
    syncNotes: false,
    policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    previousLineIds: new Map(),
    apiVersion: "62.0",
    budget: percent === undefined ? undefined : { percent, meter },
  })
  const restCalls = () =>
    sf.emu
      .requestLog()
      .entries.filter((e) => e.path.startsWith("/services/data/")).length
  const send = (meter: ApiMeter, percent?: number) =>
    sf.client.metered(meter, () =>
      sendBatch(context(meter, percent), [invoice(1), invoice(2)])
    )

  it("does not start a batch whose calls would cross the budget", async () => {
    // A lookup and a composite: two calls, one too many.
    const meter: ApiMeter = {
      calls: 0,
      usage: { used: 49_999, limit: 100_000 },
    }
    const result = await send(meter, 50)
    expect(result.halt).toEqual(
      expect.objectContaining({
        kind: "api_budget",
        message:
          "API budget reached (49999 of 100000 requests today, budget 50 %)",
      })
    )
    expect(result.outcomes).toEqual([])
    expect(restCalls()).toBe(0)
  })

  it("stops before the call that would cross it once an answer reports the org there", async () => {
    sf.emu.setApiUsage({ used: 49_999 })
    // What the batch knew at its start was older: the lookup's Sforce-Limit-Info header says otherwise.
    const meter: ApiMeter = { calls: 0, usage: { used: 100, limit: 100_000 } }
    const result = await send(meter, 50)
    expect(result.halt?.kind).toBe("api_budget")
    expect(restCalls()).toBe(1)
    expect(meter).toEqual({ calls: 1, usage: { used: 50_000, limit: 100_000 } })
    expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)
  })

  it("goes past it when not held to it (a Retry), and records what it sent per document", async () => {
    sf.emu.setApiUsage({ used: 60_000 })
    const meter: ApiMeter = { calls: 0, usage: null }
    const result = await send(meter)
    expect(result.halt).toBeNull()
    expect(result.outcomes.map((o) => o.status)).toEqual(["synced", "synced"])
    expect(meter.calls).toBe(restCalls())
    const detail = result.outcomes[0].detail!
    expect(detail.calls.map((c) => c.endpoint)).toEqual([
      expect.stringMatching(/^GET \/services\/data\/v62\.0\/query\?q=SELECT/),
      "POST /services/data/v62.0/composite",
    ])
    // Its own records only: its Account, Contact, invoice and line, not the other document's.
    expect(
      detail.records.map((r) => `${r.object}:${r.external_id}`).sort()
    ).toEqual([
      "Account:cus_1",
      "Contact:cus_1",
      "Medusa_Invoice_Line__c:inv_1_l0",
      "Medusa_Invoice__c:inv_1",
    ])
    expect(detail.lookups).toEqual([
      expect.objectContaining({ call: 0, found: 0 }),
    ])
    // The lookup as this document shows it: its own email, the others only counted (a batch's query carries
    // hundreds, which every document would otherwise store again).
    const lookup =
      "GET /services/data/v62.0/query?q=SELECT Id, AccountId, Email FROM Contact WHERE Email IN ('c1@example.com', … 1 other email) ORDER BY CreatedDate"
    expect(detail.calls[0].endpoint).toBe(lookup)
    expect(detail.lookups![0].endpoint).toBe(lookup)
    expect(result.outcomes[1].detail!.calls[0].endpoint).toContain(
      "('c2@example.com', … 1 other email)"
    )
  })
})
