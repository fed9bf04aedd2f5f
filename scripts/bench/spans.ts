/**
 * Where a phase's time goes inside Medusa: the benchmark wraps the module service methods the drain workflow's
 * steps call (claim, load, send, commit) and measures, for each, the wall time during which at least one call
 * was running (two drains may run at once: the bench's own and the subscriber's). What no span covers is the
 * workflow engine between the steps (resolving and copying step inputs) and the event loop's other work.
 */
import { performance } from "node:perf_hooks"

/** Wall time with at least one call of the span running, and how many calls there were. */
export type SpanTotals = Record<string, { ms: number; calls: number }>

type Span = {
  running: number
  since: number
  ms: number
  calls: number
}

export class Spans {
  private readonly spans = new Map<string, Span>()
  /** Wall time with any span running (the spans may overlap one another across drains). */
  private readonly any: Span = { running: 0, since: 0, ms: 0, calls: 0 }

  private enter(span: Span, now: number) {
    if (span.running++ === 0) span.since = now
    span.calls++
  }

  private leave(span: Span, now: number) {
    if (--span.running === 0) span.ms += now - span.since
  }

  /** Replaces `target[method]` by a timed call of the same method, counted under `name`. */
  wrap<T extends object, K extends keyof T & string>(
    name: string,
    target: T,
    method: K
  ): void {
    const original = target[method]
    if (typeof original !== "function") {
      throw new Error(`${method} is not a method`)
    }
    const span = this.spans.get(name) ?? {
      running: 0,
      since: 0,
      ms: 0,
      calls: 0,
    }
    this.spans.set(name, span)
    const spans = this
    // A cast: the wrapper has the method's own signature, which TypeScript cannot carry through `apply`.
    target[method] = async function (this: unknown, ...args: unknown[]) {
      const started = performance.now()
      spans.enter(span, started)
      spans.enter(spans.any, started)
      try {
        return await (original as (...a: unknown[]) => unknown).apply(
          this,
          args
        )
      } finally {
        const ended = performance.now()
        spans.leave(span, ended)
        spans.leave(spans.any, ended)
      }
    } as T[K]
  }

  /** The totals since the last reset, plus `covered`: wall time with any span running. */
  totals(): SpanTotals & { covered: { ms: number; calls: number } } {
    const out: SpanTotals = {}
    for (const [name, { ms, calls }] of this.spans) out[name] = { ms, calls }
    return { ...out, covered: { ms: this.any.ms, calls: this.any.calls } }
  }

  reset(): void {
    for (const span of [...this.spans.values(), this.any]) {
      span.ms = 0
      span.calls = 0
    }
  }
}
