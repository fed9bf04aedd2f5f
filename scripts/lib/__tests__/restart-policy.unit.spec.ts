import {
  DEFAULT_RESTART_POLICY,
  Incarnation,
  restartDecision,
} from "../restart-policy"

const policy = DEFAULT_RESTART_POLICY
const SECOND = 1000

/** A run that started at `at` s, was ready after `readyAfter` s (null: never), and ended after `lived` s. */
const run = (
  at: number,
  readyAfter: number | null,
  lived: number
): Incarnation => ({
  startedAt: at * SECOND,
  readyAt: readyAfter === null ? null : (at + readyAfter) * SECOND,
  endedAt: (at + lived) * SECOND,
})

describe("restartDecision", () => {
  it("restarts a worker killed 25 s after it became ready (seen stopping the whole cluster)", () => {
    expect(restartDecision([run(0, 4, 29)])).toEqual({
      restart: true,
      afterMs: policy.baseDelayMs,
    })
  })

  it("restarts a process that died while starting, until it has done so startupCrashLimit times", () => {
    expect(restartDecision([run(0, null, 3)])).toEqual({
      restart: true,
      afterMs: 1000,
    })
    expect(restartDecision([run(0, null, 3), run(4, null, 3)])).toEqual({
      restart: true,
      afterMs: 2000,
    })
    const given = restartDecision([
      run(0, null, 3),
      run(4, null, 3),
      run(9, null, 3),
    ])
    expect(given).toEqual({
      restart: false,
      reason: "it ended 3 times in a row without ever becoming ready",
    })
  })

  it("never gives up on a process that was ready once, and backs off while it keeps dying", () => {
    const history = [run(0, 5, 10)]
    const delays: number[] = []
    for (let i = 1; i <= 8; i++) {
      const decision = restartDecision(history)
      expect(decision.restart).toBe(true)
      delays.push(decision.restart ? decision.afterMs : -1)
      history.push(run(i * 100, null, 2))
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })

  it("starts the backoff over after a run that served stableAfterMs", () => {
    const crashLoop = [run(0, 5, 10), run(20, 5, 10), run(40, 5, 10)]
    expect(restartDecision(crashLoop)).toEqual({ restart: true, afterMs: 4000 })
    expect(restartDecision([...crashLoop, run(60, 5, 5 + 60)])).toEqual({
      restart: true,
      afterMs: 1000,
    })
  })
})
