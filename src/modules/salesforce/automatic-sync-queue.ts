/**
 * Coalesces automatic syncs that arrive together (a burst of captured payments, an import) into one run: the
 * first invoice opens a short window, every invoice arriving within it joins, and the window is sent as one batch
 * (at most `maxBatch` invoices, the size of one collections call). One invoice then costs a few API calls, a
 * hundred cost about as many, and the latency added is the window.
 */
export class AutomaticSyncQueue {
  private window: {
    ids: Set<string>
    timer: NodeJS.Timeout
    done: Promise<void>
    settle: (error?: unknown) => void
  } | null = null

  constructor(
    private readonly windowMs: number,
    private readonly maxBatch: number
  ) {}

  /** Resolves once the batch holding `invoiceId` was sent (and rejects if sending it threw). */
  add(
    invoiceId: string,
    send: (invoiceIds: string[]) => Promise<void>
  ): Promise<void> {
    if (!this.window) {
      let settle!: (error?: unknown) => void
      const done = new Promise<void>((resolve, reject) => {
        settle = (error) => (error ? reject(error) : resolve())
      })
      this.window = {
        ids: new Set(),
        timer: setTimeout(() => this.flush(send), this.windowMs),
        done,
        settle,
      }
    }
    const window = this.window
    window.ids.add(invoiceId)
    if (window.ids.size >= this.maxBatch) {
      clearTimeout(window.timer)
      this.flush(send)
    }
    return window.done
  }

  private flush(send: (invoiceIds: string[]) => Promise<void>) {
    const window = this.window
    if (!window) {
      return
    }
    this.window = null
    send([...window.ids]).then(
      () => window.settle(),
      (error) => window.settle(error ?? new Error("automatic sync failed"))
    )
  }
}
