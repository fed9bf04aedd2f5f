// Faults of every class at a rate, for soak runs: each REST API request (under /services/data) draws whether it
// gets a fault and which one. Every fault actually injected is counted, by class, so a soak can report how many
// its run survived. Explicit rules (injectFault, injectRecordFault) are counted too.

export const CHAOS_CLASSES = [
  /** Some records of a write fail with UNABLE_TO_LOCK_ROW inside a good answer. */
  "lock",
  /** 500 UNKNOWN_EXCEPTION. */
  "500",
  /** 503 SERVER_UNAVAILABLE. */
  "503",
  /** The request waits timeoutMs before it is handled: the client times out, the write may still happen. */
  "timeout",
  /** A write is committed, then the connection is dropped before the answer. */
  "commit-then-drop",
  /** Every access token ends now: the request answers 401 INVALID_SESSION_ID. */
  "token-expiry",
  /** For dailyLimitMs every REST call answers 403 REQUEST_LIMIT_EXCEEDED, TotalRequests Limit exceeded. */
  "daily-limit",
] as const

export type ChaosClass = (typeof CHAOS_CLASSES)[number]

/** Classes that only make sense for requests that write. */
const WRITE_ONLY: ChaosClass[] = ["lock", "commit-then-drop"]

export type ChaosSettings = {
  /** Share of REST requests that get a fault, 0 to 1. 0 turns chaos off. */
  rate: number
  /** Default: every class. */
  classes?: ChaosClass[]
  /** Makes the draws repeatable. */
  seed?: number
  /** Default 20000. */
  timeoutMs?: number
  /** Default 2000. */
  dailyLimitMs?: number
  /** Share of a "lock" request's records that fail. Default 0.25. */
  lockRecordShare?: number
}

export type FaultStats = {
  faults_injected: number
  byClass: Record<string, number>
}

/** mulberry32: small, seedable and good enough to spread faults. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Chaos {
  private settings: Required<ChaosSettings> = Chaos.defaults(0)
  random: () => number = Math.random
  private stats: FaultStats = { faults_injected: 0, byClass: {} }

  private static defaults(rate: number): Required<ChaosSettings> {
    return {
      rate,
      classes: [...CHAOS_CLASSES],
      seed: 0,
      timeoutMs: 20000,
      dailyLimitMs: 2000,
      lockRecordShare: 0.25,
    }
  }

  configure(settings: ChaosSettings): Required<ChaosSettings> {
    const rate = Number(settings.rate)
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new Error("rate must be a number from 0 to 1")
    }
    const classes = settings.classes ?? [...CHAOS_CLASSES]
    const unknown = classes.filter((c) => !CHAOS_CLASSES.includes(c))
    if (unknown.length > 0) {
      throw new Error(
        `unknown fault classes ${unknown.join(", ")}; known: ${CHAOS_CLASSES.join(", ")}`
      )
    }
    this.settings = {
      ...Chaos.defaults(rate),
      ...settings,
      rate,
      classes,
    }
    this.random =
      settings.seed !== undefined ? randomSource(settings.seed) : Math.random
    return this.current()
  }

  current(): Required<ChaosSettings> {
    return { ...this.settings, classes: [...this.settings.classes] }
  }

  /** The class of fault this request gets, or null. */
  draw(write: boolean): ChaosClass | null {
    if (this.settings.rate <= 0 || this.random() >= this.settings.rate) {
      return null
    }
    const fitting = this.settings.classes.filter(
      (c) => write || !WRITE_ONLY.includes(c)
    )
    if (fitting.length === 0) {
      return null
    }
    return fitting[Math.floor(this.random() * fitting.length)]
  }

  /** Whether a record of a "lock" request fails. */
  lockRecord(): boolean {
    return this.random() < this.settings.lockRecordShare
  }

  count(kind: string): void {
    this.stats.faults_injected += 1
    this.stats.byClass[kind] = (this.stats.byClass[kind] ?? 0) + 1
  }

  faultStats(): FaultStats {
    return {
      faults_injected: this.stats.faults_injected,
      byClass: { ...this.stats.byClass },
    }
  }

  /** Turns chaos off and forgets the counts. */
  clear(): void {
    this.settings = Chaos.defaults(0)
    this.random = Math.random
    this.stats = { faults_injected: 0, byClass: {} }
  }
}
