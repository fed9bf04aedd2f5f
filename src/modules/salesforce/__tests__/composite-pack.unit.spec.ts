import { planBatch } from "../batch-plan"
import type { PlannedRecord, UpsertStep } from "../batch-plan"
import { chunkStep, packSteps } from "../composite-pack"
import type { SyncableInvoice } from "../mapping"

/** `count` invoices of `lines` lines over `customers` customers, as the sync plans them. */
function planned(count: number, lines: number, customers: number) {
  const invoices: SyncableInvoice[] = Array.from({ length: count }, (_, i) => ({
    id: `inv_${i}`,
    number: `INV-${i}`,
    type: "invoice",
    order_id: `order_${i}`,
    order_display_id: i,
    customer_id: `cus_${i % customers}`,
    customer_email: `c${i % customers}@example.com`,
    customer_name: `Customer ${i % customers}`,
    currency_code: "eur",
    subtotal: 10,
    discount_total: 0,
    shipping_total: 0,
    tax_total: 0,
    total: 10,
    issued_at: "2026-03-04T10:00:00Z",
    lines: Array.from({ length: lines }, (_, k) => ({
      id: `inv_${i}_l${k}`,
      title: "Mug",
      quantity: 1,
      unit_price: 10,
      discount_total: 0,
      tax_total: 0,
      total: 10,
    })),
  }))
  return planBatch({
    invoices,
    contacts: new Map(),
    syncNotes: false,
    previousLineIds: new Map(),
  }).steps
}

const keysOf = (steps: UpsertStep[]) =>
  steps.flatMap((s) => s.records.map((r) => `${s.object}:${r.key}`))

describe("packSteps", () => {
  it("keeps every composite within 5 collections of at most 200 records, losing or repeating no record", () => {
    const steps = planned(1000, 3, 200)
    const packs = packSteps(steps)
    const sent: string[] = []
    for (const pack of packs) {
      expect(pack.collections.length).toBeGreaterThan(0)
      expect(pack.collections.length).toBeLessThanOrEqual(5)
      for (const c of pack.collections) {
        expect(c.records.length).toBeGreaterThan(0)
        expect(c.records.length).toBeLessThanOrEqual(200)
        expect(c.object).toBe(steps[c.step].object)
        sent.push(...c.records.map((r) => `${c.object}:${r.key}`))
      }
    }
    expect(sent).toEqual(keysOf(steps))
    // 200 accounts + 200 contacts + 1,000 invoices + 3,000 lines: 4,400 records, near 1,000 a call.
    expect(packs.length).toBeLessThanOrEqual(5)
  })

  it("puts every record after its parents: in an earlier composite it waits for, or earlier in the same one", () => {
    const steps = planned(700, 3, 50)
    const packs = packSteps(steps)
    const where = new Map<string, [number, number]>()
    packs.forEach((pack, p) =>
      pack.collections.forEach((c, k) =>
        c.records.forEach((r) => where.set(`${c.object}:${r.key}`, [p, k]))
      )
    )
    let checked = 0
    packs.forEach((pack, p) =>
      pack.collections.forEach((c, k) =>
        c.records.forEach((r) => {
          for (const ref of r.requires) {
            const [pp, kk] = where.get(`${ref.object}:${ref.key}`)!
            if (pp === p) expect(kk).toBeLessThan(k)
            else {
              expect(pp).toBeLessThan(p)
              expect(pack.dependsOn).toContain(pp)
            }
            checked++
          }
        })
      )
    )
    expect(checked).toBeGreaterThan(2000)
  })

  it("says a composite holding only children of earlier ones need not wait for unrelated ones", () => {
    const packs = packSteps(planned(1000, 3, 200))
    // The first composite holds the customers and the first invoices; later line-only composites depend on
    // the invoice composites alone, so some of them can go together.
    expect(packs[0].dependsOn).toEqual([])
    const independentPairs = packs.some((a, i) =>
      packs.some(
        (b, j) => j > i && !b.dependsOn.includes(i) && !a.dependsOn.includes(j)
      )
    )
    expect(independentPairs).toBe(true)
  })

  it("honours lower limits", () => {
    const packs = packSteps(planned(30, 1, 30), {
      collectionsPerComposite: 2,
      recordsPerCollection: 10,
    })
    for (const pack of packs) {
      expect(pack.collections.length).toBeLessThanOrEqual(2)
      for (const c of pack.collections)
        expect(c.records.length).toBeLessThanOrEqual(10)
    }
    // 30 accounts, 30 contacts, 30 invoices, 30 lines in tens, two tens a composite.
    expect(packs).toHaveLength(6)
  })
})

describe("chunkStep", () => {
  const line = (invoice: number, k: number): PlannedRecord => ({
    key: `l_${invoice}_${k}`,
    document_ids: [`inv_${invoice}`],
    fields: {},
    requires: [{ object: "Medusa_Invoice__c", key: `inv_${invoice}` }],
  })

  it("ends a collection where the parent changes, so one invoice's lines are never split over two requests", () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      line(Math.floor(i / 3), i % 3)
    )
    const chunks = chunkStep(lines, 200)
    expect(chunks.map((c) => c.length)).toEqual([198, 102])
    const parents = chunks.map((c) => new Set(c.map((r) => r.requires[0].key)))
    for (const key of parents[0]) expect(parents[1].has(key)).toBe(false)
  })

  it("cuts at the size when one parent has more records than a collection holds", () => {
    const lines = Array.from({ length: 450 }, (_, i) => line(1, i))
    expect(chunkStep(lines, 200).map((c) => c.length)).toEqual([200, 200, 50])
  })
})
