/**
 * The measuring half of `npm run bench:sync`, run by `medusa exec` inside a booted store (see ../bench-sync.ts,
 * which owns PostgreSQL and the emulator and prints the figures). Writes a BenchResult to BENCH_RESULT_FILE.
 */
import fs from "node:fs"
import { performance } from "node:perf_hooks"
import type {
  ExecArgs,
  IEventBusModuleService,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import type { CreateInvoiceDocumentInput } from "../../src/modules/invoice/types"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import {
  EXTERNAL_ID,
  INVOICE_LINE_OBJECT,
  INVOICE_OBJECT,
} from "../../src/modules/salesforce/mapping"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { InvoiceEvents } from "../../src/workflows/invoice/events"
import { drainOutbox } from "../../src/workflows/salesforce/utils/drain-outbox"
import { waitForOutcomes } from "../../src/workflows/salesforce/utils/wait-for-outcomes"
import { enqueueSalesforceSyncWorkflow } from "../../src/workflows/salesforce/workflows/enqueue-salesforce-sync"
import {
  CallCount,
  emulatorControls,
  EmulatorControlsClient,
} from "./emulator-controls"
import { benchInvoices, LINES_PER_INVOICE } from "./fixtures"
import { naiveConnection, naiveSync } from "./naive-sync"
import { Spans } from "./spans"
import {
  BENCH_EMULATOR_URL_ENV,
  BENCH_PHASE_ENV,
  BENCH_RESULT_FILE_ENV,
  BenchResult,
  optionsFromEnv,
  PhaseResult,
} from "./types"

const CREATE_CHUNK = 200
const POLL_EVERY_MS = 10
/** Longest wait for one automatic sync to show; the target is 500 ms, so this only bounds a broken run. */
const POLL_LIMIT_MS = 15_000
/** Longest wait for a phase's outcomes once its drain returned (another drain may still hold a batch). */
const PHASE_LIMIT_MS = 10 * 60_000

const log = (line: string) => console.log(`[bench] ${line}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const secondsSince = (start: number) => (performance.now() - start) / 1000

function required(name: string): string {
  const value = process.env[name]
  if (!value) {
    throw new Error(`${name} is not set: run this through npm run bench:sync`)
  }
  return value
}

async function createInChunks(
  service: InvoiceModuleService,
  docs: CreateInvoiceDocumentInput[]
): Promise<string[]> {
  const ids: string[] = []
  for (let start = 0; start < docs.length; start += CREATE_CHUNK) {
    const created = await service.createInvoiceDocuments(
      docs.slice(start, start + CREATE_CHUNK)
    )
    ids.push(...created.map((invoice) => invoice.id))
  }
  return ids
}

/** How many of `ids` the emulator holds as invoices, and how many lines point at those. */
async function countInSalesforce(
  emulator: EmulatorControlsClient,
  ids: string[]
) {
  const wanted = new Set(ids)
  const invoices = (await emulator.records(INVOICE_OBJECT)).filter((r) =>
    wanted.has(String(r[EXTERNAL_ID]))
  )
  const salesforceIds = new Set(invoices.map((r) => r.Id))
  const lines = (await emulator.records(INVOICE_LINE_OBJECT)).filter((r) =>
    salesforceIds.has(String(r.Invoice__c))
  )
  return { invoices: invoices.length, lines: lines.length }
}

/**
 * Syncs `ids` as the admin's bulk action does, on an emptied emulator, and counts what it took. Whether the run
 * goes as composites or as Bulk API 2.0 jobs is the store's bulk threshold (the parent sets it per child).
 */
async function syncPhase(
  args: ExecArgs,
  emulator: EmulatorControlsClient,
  salesforce: SalesforceModuleService,
  spans: Spans,
  ids: string[],
  label: string
): Promise<PhaseResult> {
  await salesforce.updateSettings({ enabled: true, automatic_sync: false })
  await emulator.reset()
  // The emulator forgot its sessions: log in again now, so the phase counts no refused call and no refresh.
  salesforce.resetConnection()
  log(`${label}: syncing ${ids.length} invoices`)
  spans.reset()
  const start = performance.now()
  // Queued as the bulk action queues, drained here (the subscriber's drain may share the work: both are safe).
  const { result: queued } = await enqueueSalesforceSyncWorkflow(
    args.container
  ).run({
    input: { invoice_ids: ids, trigger: "bulk", started_by: null },
    throwOnError: true,
  })
  const enqueueSeconds = secondsSince(start)
  await drainOutbox(args.container)
  const outcomes = await waitForOutcomes(
    args.container,
    queued.entries.map((e) => e.id),
    PHASE_LIMIT_MS
  )
  const result = { outcomes: [...outcomes.values()] }
  const seconds = secondsSince(start)
  const steps = spans.totals()
  const calls = await emulator.callCount()

  const failures: Record<string, number> = {}
  for (const outcome of result.outcomes) {
    if (outcome.status !== "synced") {
      const reason = `${outcome.error_code}: ${outcome.error_message}`
      failures[reason] = (failures[reason] ?? 0) + 1
    }
  }
  const synced = result.outcomes.filter((o) => o.status === "synced").length
  const inSalesforce = await countInSalesforce(emulator, ids)
  const [, syncedRows] = await salesforce.listAndCountInvoiceSyncs(
    { invoice_id: ids, status: "synced" },
    { select: ["id"], take: 1 }
  )
  return {
    seconds,
    enqueueSeconds,
    steps,
    synced,
    failed: result.outcomes.length - synced,
    failures,
    calls,
    emulatorInvoices: inSalesforce.invoices,
    emulatorLines: inSalesforce.lines,
    syncedRows,
  }
}

async function naivePhase(
  args: ExecArgs,
  emulator: EmulatorControlsClient,
  ids: string[]
): Promise<BenchResult["naive"]> {
  // The same read the drain's send step makes: the loop maps exactly what the sync maps.
  const invoiceService: InvoiceModuleService =
    args.container.resolve(INVOICE_MODULE)
  const invoices = await invoiceService.listSyncableInvoices(ids)
  await emulator.reset()
  log(`naive: syncing ${invoices.length} invoices one at a time`)
  const start = performance.now()
  const conn = await naiveConnection({
    url: required("SALESFORCE_LOGIN_URL"),
    clientId: required("SALESFORCE_CLIENT_ID"),
    clientSecret: required("SALESFORCE_CLIENT_SECRET"),
    apiVersion: process.env.SALESFORCE_API_VERSION ?? "62.0",
  })
  await naiveSync(conn, invoices)
  const seconds = secondsSince(start)
  const calls = await emulator.callCount()
  const inSalesforce = await countInSalesforce(emulator, ids)
  if (
    inSalesforce.invoices !== ids.length ||
    inSalesforce.lines !== ids.length * LINES_PER_INVOICE
  ) {
    throw new Error(
      `naive loop left ${inSalesforce.invoices} invoices and ${inSalesforce.lines} lines`
    )
  }
  return { invoices: invoices.length, seconds, calls }
}

/**
 * One new invoice the way the app makes one (documents created, then `msi.invoice.created` once committed, as
 * createOrderInvoiceWorkflow's emitEventStep does), timed until its invoice_sync row is synced with an id.
 */
async function automaticRun(
  args: ExecArgs,
  emulator: EmulatorControlsClient,
  invoiceService: InvoiceModuleService,
  salesforce: SalesforceModuleService,
  tag: string
): Promise<{ visibleMs: number | null; calls: CallCount }> {
  const eventBus: IEventBusModuleService = args.container.resolve(
    Modules.EVENT_BUS
  )
  await emulator.resetRequestLog()
  const start = performance.now()
  const [invoice] = await invoiceService.createInvoiceDocuments(
    benchInvoices(tag, 1, 1)
  )
  await eventBus.emit({ name: InvoiceEvents.CREATED, data: { id: invoice.id } })
  let visibleMs: number | null = null
  while (performance.now() - start < POLL_LIMIT_MS) {
    const [row] = await salesforce.listInvoiceSyncs({ invoice_id: invoice.id })
    if (row?.status === "synced" && row.salesforce_id) {
      visibleMs = performance.now() - start
      break
    }
    if (row?.status === "failed") {
      log(
        `automatic: ${invoice.id} failed: ${row.error_code} ${row.error_message}`
      )
      break
    }
    await sleep(POLL_EVERY_MS)
  }
  // Let the workflow finish its bookkeeping before counting, so the next run starts from a quiet store.
  await sleep(200)
  return { visibleMs, calls: await emulator.callCount() }
}

/**
 * Times what the drain workflow's steps call (see spans.ts), on the very services the steps resolve: claiming,
 * reading the invoices, reading the send context (previous line ids, customer links), sending (Salesforce's time
 * included) and committing.
 */
function timeDrainSteps(
  invoiceService: InvoiceModuleService,
  salesforce: SalesforceModuleService
): Spans {
  const spans = new Spans()
  spans.wrap("claim", salesforce, "claimOutboxWork")
  spans.wrap("load", invoiceService, "listSyncableInvoices")
  spans.wrap("context", salesforce, "listInvoiceSyncs")
  spans.wrap("context", salesforce, "customerLinks")
  spans.wrap("send", salesforce, "metered")
  spans.wrap("commit", salesforce, "commitOutbox")
  return spans
}

/** The Bulk API 2.0 half: N invoices over new customers of their own, synced as one bulk run. */
async function measureBulk(
  args: ExecArgs,
  emulator: EmulatorControlsClient,
  invoiceService: InvoiceModuleService,
  salesforce: SalesforceModuleService,
  options: BenchResult["options"],
  tag: string
): Promise<PhaseResult> {
  log(`bulk: creating ${options.invoices} invoices`)
  const ids = await createInChunks(
    invoiceService,
    benchInvoices(`${tag}-bulk`, options.invoices, options.customers)
  )
  const spans = timeDrainSteps(invoiceService, salesforce)
  return syncPhase(args, emulator, salesforce, spans, ids, "bulk")
}

export default async function measureSync(args: ExecArgs) {
  const options = optionsFromEnv(process.env)
  const emulator = emulatorControls(required(BENCH_EMULATOR_URL_ENV))
  const invoiceService: InvoiceModuleService =
    args.container.resolve(INVOICE_MODULE)
  const salesforce: SalesforceModuleService =
    args.container.resolve(SALESFORCE_MODULE)
  const tag = Date.now().toString(36)

  // Off while the invoices are made: `medusa exec` loads the subscribers, and the sync paths are what is measured.
  await salesforce.updateSettings({ enabled: false, automatic_sync: false })
  if (process.env[BENCH_PHASE_ENV] === "bulk") {
    const bulk = await measureBulk(
      args,
      emulator,
      invoiceService,
      salesforce,
      options,
      tag
    )
    fs.writeFileSync(
      required(BENCH_RESULT_FILE_ENV),
      JSON.stringify({ bulk }, null, 2)
    )
    return
  }
  log(
    `creating ${options.invoices} + ${options.naiveSample} invoices with ${LINES_PER_INVOICE} lines each`
  )
  const createStart = performance.now()
  const restIds = await createInChunks(
    invoiceService,
    benchInvoices(`${tag}-rest`, options.invoices, options.customers)
  )
  // The naive sample has invoices and customers of its own, so it creates records in Salesforce as the REST
  // path did rather than updating its records.
  const naiveIds = await createInChunks(
    invoiceService,
    benchInvoices(
      `${tag}-naive`,
      options.naiveSample,
      Math.ceil(options.naiveSample / 10)
    )
  )
  const createSeconds = secondsSince(createStart)

  const rest = await syncPhase(
    args,
    emulator,
    salesforce,
    timeDrainSteps(invoiceService, salesforce),
    restIds,
    "rest"
  )
  const naive =
    options.naiveSample > 0 ? await naivePhase(args, emulator, naiveIds) : null

  await emulator.setLatency({ fixedMs: options.autoLatencyMs, jitterMs: 0 })
  salesforce.resetConnection()
  await salesforce.updateSettings({ enabled: true, automatic_sync: true })
  const runs: BenchResult["automatic"]["runs"] = []
  for (let run = 0; run < options.autoRuns; run++) {
    const outcome = await automaticRun(
      args,
      emulator,
      invoiceService,
      salesforce,
      `${tag}-auto${run}`
    )
    log(
      `automatic run ${run + 1}: ${outcome.visibleMs === null ? "not visible" : `${Math.round(outcome.visibleMs)} ms`}`
    )
    runs.push(outcome)
  }
  await salesforce.updateSettings({ automatic_sync: false })

  const result: BenchResult = {
    options,
    createSeconds,
    rest,
    bulk: null,
    naive,
    automatic: { latencyMs: options.autoLatencyMs, runs },
  }
  fs.writeFileSync(
    required(BENCH_RESULT_FILE_ENV),
    JSON.stringify(result, null, 2)
  )
}
