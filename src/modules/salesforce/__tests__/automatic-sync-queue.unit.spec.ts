import { AutomaticSyncQueue } from "../automatic-sync-queue"

describe("AutomaticSyncQueue", () => {
  it("sends the invoices that arrive within one window as one batch", async () => {
    const queue = new AutomaticSyncQueue(30, 200)
    const batches: string[][] = []
    const send = async (ids: string[]) => {
      batches.push(ids)
    }
    await Promise.all([
      queue.add("a", send),
      queue.add("b", send),
      queue.add("a", send),
    ])
    await queue.add("c", send)
    expect(batches).toEqual([["a", "b"], ["c"]])
  })

  it("sends at once when a batch is full", async () => {
    const queue = new AutomaticSyncQueue(60_000, 2)
    const batches: string[][] = []
    const send = async (ids: string[]) => {
      batches.push(ids)
    }
    await Promise.all([queue.add("a", send), queue.add("b", send)])
    expect(batches).toEqual([["a", "b"]])
  })

  it("reports a failed send to every caller of that batch, and the next window starts afresh", async () => {
    const queue = new AutomaticSyncQueue(10, 200)
    const failing = async () => {
      throw new Error("boom")
    }
    const results = await Promise.allSettled([
      queue.add("a", failing),
      queue.add("b", failing),
    ])
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"])
    const sent: string[][] = []
    await queue.add("c", async (ids) => {
      sent.push(ids)
    })
    expect(sent).toEqual([["c"]])
  })
})
