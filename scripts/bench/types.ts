import type { CallCount } from "./emulator-controls"
import type { SpanTotals } from "./spans"

/** What the parent asks for, passed to the `medusa exec` child as BENCH_* variables. */
export type BenchOptions = {
  invoices: number
  /** Distinct customers the N invoices are spread over, all new to Salesforce. */
  customers: number
  latencyMs: number
  naiveSample: number
  autoLatencyMs: number
  autoRuns: number
}

/** What the child measured, written as JSON to BENCH_RESULT_FILE for the parent to print. */
/** One way of sending the N invoices (REST composites, or Bulk API 2.0), measured on fresh emulator state. */
export type PhaseResult = {
  seconds: number
  /** Queueing the N documents (the enqueue workflow: run, outbox rows, event), before any drain. */
  enqueueSeconds: number
  /** Wall time in what the drain steps call (claim, load, context, send, commit), and `covered`: in any of them. */
  steps: SpanTotals
  synced: number
  failed: number
  failures: Record<string, number>
  calls: CallCount
  emulatorInvoices: number
  emulatorLines: number
  syncedRows: number
}

export type BenchResult = {
  options: BenchOptions
  createSeconds: number
  rest: PhaseResult
  /** Measured by a second `medusa exec` (BENCH_PHASE=bulk), whose store has the default bulk threshold. */
  bulk: PhaseResult | null
  /** Null with a sample of 0. */
  naive: {
    invoices: number
    seconds: number
    calls: CallCount
  } | null
  automatic: {
    latencyMs: number
    runs: Array<{ visibleMs: number | null; calls: CallCount }>
  }
}

export const BENCH_ENV = {
  invoices: "BENCH_INVOICES",
  customers: "BENCH_CUSTOMERS",
  latencyMs: "BENCH_LATENCY_MS",
  naiveSample: "BENCH_NAIVE_SAMPLE",
  autoLatencyMs: "BENCH_AUTO_LATENCY_MS",
  autoRuns: "BENCH_AUTO_RUNS",
} as const satisfies Record<keyof BenchOptions, string>

export const BENCH_RESULT_FILE_ENV = "BENCH_RESULT_FILE"
/**
 * Which half the `medusa exec` child measures: "rest" (REST, naive, automatic; its store never uses Bulk) or
 * "bulk" (the Bulk API 2.0 path, on fresh emulator state, with invoices and customers of its own).
 */
export const BENCH_PHASE_ENV = "BENCH_PHASE"
export const BENCH_EMULATOR_URL_ENV = "BENCH_EMULATOR_URL"

export function optionsFromEnv(env: NodeJS.ProcessEnv): BenchOptions {
  const read = (key: keyof BenchOptions) => {
    const value = Number(env[BENCH_ENV[key]])
    if (!Number.isFinite(value)) {
      throw new Error(`${BENCH_ENV[key]} is not a number`)
    }
    return value
  }
  return {
    invoices: read("invoices"),
    customers: read("customers"),
    latencyMs: read("latencyMs"),
    naiveSample: read("naiveSample"),
    autoLatencyMs: read("autoLatencyMs"),
    autoRuns: read("autoRuns"),
  }
}
