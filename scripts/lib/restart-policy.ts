/**
 * When a cluster process that died is started again, as a process manager decides it (systemd's Restart= with
 * StartLimitBurst, pm2's exponential backoff): restart with a delay that doubles while the process keeps dying
 * soon after it starts, and give up only when it never once became ready, which is a process that cannot start
 * (a broken build, a missing migration) rather than one that crashed.
 */

/** One run of a named process that ended. */
export type Incarnation = {
  startedAt: number
  /** When it first answered /health; null when it died before. */
  readyAt: number | null
  endedAt: number
}

export type RestartPolicy = {
  /** Crashes in a row, none of them ever ready, after which the process is given up. */
  startupCrashLimit: number
  /** Delay before the first restart. */
  baseDelayMs: number
  /** Longest delay between restarts. */
  maxDelayMs: number
  /** A run that served this long after becoming ready was healthy: the next restart starts at baseDelayMs again. */
  stableAfterMs: number
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  startupCrashLimit: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
}

export type RestartDecision =
  { restart: true; afterMs: number } | { restart: false; reason: string }

/** What to do now that the last of `history` (oldest first, at least one) ended. */
export function restartDecision(
  history: Incarnation[],
  policy: RestartPolicy = DEFAULT_RESTART_POLICY
): RestartDecision {
  const everReady = history.some((run) => run.readyAt !== null)
  if (!everReady && history.length >= policy.startupCrashLimit) {
    return {
      restart: false,
      reason: `it ended ${history.length} times in a row without ever becoming ready`,
    }
  }
  // The runs since the last healthy one: each doubles the delay.
  let unstable = 0
  for (let i = history.length - 1; i >= 0; i--) {
    const run = history[i]
    if (
      run.readyAt !== null &&
      run.endedAt - run.readyAt >= policy.stableAfterMs
    ) {
      break
    }
    unstable += 1
  }
  const afterMs = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, unstable - 1)
  )
  return { restart: true, afterMs }
}
