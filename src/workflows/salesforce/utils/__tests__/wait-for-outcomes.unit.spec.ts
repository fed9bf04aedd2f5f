import type { MedusaContainer } from "@medusajs/framework/types"
import { waitForOutcomes } from "../wait-for-outcomes"

/** A container whose outbox never finishes: each poll is counted. */
function neverDone() {
  const polls = { count: 0 }
  const service = {
    countDoneOutboxRows: async () => {
      polls.count++
      return 0
    },
    listSyncAttempts: async () => [],
  }
  const container = {
    resolve: () => service,
  } as unknown as MedusaContainer
  return { container, polls }
}

/** Lets the waiter's awaited poll settle between timer steps. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

describe("waitForOutcomes", () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it("polls less and less often: a minute's wait is a few dozen queries, not one every 50 ms", async () => {
    const { container, polls } = neverDone()
    const done = waitForOutcomes(container, ["sobx_1"], 60_000)
    for (let t = 0; t < 60_000; t += 10) {
      await jest.advanceTimersByTimeAsync(10)
    }
    await done
    // 50, 100, ... up to 1,000 ms apart: about 65 polls in a minute (at a fixed 50 ms: 1,200).
    expect(polls.count).toBeGreaterThan(5)
    expect(polls.count).toBeLessThan(100)
  })

  it("stops waiting, and polling, when the client goes away", async () => {
    const { container, polls } = neverDone()
    const gone = new AbortController()
    let answered = false
    const done = waitForOutcomes(
      container,
      ["sobx_1"],
      60_000,
      gone.signal
    ).then((outcomes) => {
      answered = true
      return outcomes
    })
    await jest.advanceTimersByTimeAsync(500)
    gone.abort()
    await settle()
    expect(answered).toBe(true)
    expect((await done).size).toBe(0)
    const seen = polls.count
    await jest.advanceTimersByTimeAsync(60_000)
    expect(polls.count).toBe(seen)
  })
})
