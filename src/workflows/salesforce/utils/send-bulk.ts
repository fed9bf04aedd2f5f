/**
 * The POLICY of sending a large batch's plan through Bulk API 2.0: one upsert ingest job per step, in the plan's
 * dependency order (a job's parents, referenced by external-ID columns, are in Salesforce once the job before it
 * finished), each job polled with backoff and its results read back into one answer per record, as the composite
 * sender answers. A record whose parent failed is not sent and fails with its parent's reason.
 *
 * Crash-safe: each job is stored for its step as soon as Salesforce gave its id (the store is the database, see
 * modules/salesforce/bulk-sql.ts), so a drain that takes the batch over after a crash polls that job instead of
 * creating another. A stored job still Open may hold half an upload: it is aborted and its step sent again.
 *
 * Calls are few by design: a step with at most `threshold` records goes as composite requests (one call for up
 * to 1,000 records; Salesforce's advice is Bulk above about 2,000), failed results are read only when the job says
 * some failed, and records Salesforce answered with a retryable error (a busy row, a lost create race) are sent
 * once more as composite requests.
 */
import type { UpsertStep } from "../../../modules/salesforce/batch-plan"
import {
  bulkAnswers,
  parseCsv,
  stepToCsv,
} from "../../../modules/salesforce/bulk-csv"
import type { BulkJobRow } from "../../../modules/salesforce/bulk-sql"
import {
  BulkJobInfo,
  FINISHED_JOB_STATES,
} from "../../../modules/salesforce/lib/bulk-ingest"
import {
  SalesforceApiError,
  toSalesforceApiError,
} from "../../../modules/salesforce/lib/errors"
import type { RecordResult } from "../../../modules/salesforce/lib/record-results"
import {
  Answer,
  failureIn,
  failureOf,
  isRetryableRecord,
  refId,
  rethrowIfHalting,
} from "./record-answers"
import { realSleep, RetryPolicy, Sleep, withRetry } from "./retry-policy"
import { PackedContext, runPackedSteps } from "./send-packed"

/** What the policy needs of the transport for Bulk: the Salesforce module service offers exactly these. */
export type BulkTransport = {
  createUpsertJob(object: string, externalIdField: string): Promise<BulkJobInfo>
  uploadJobData(jobId: string, csv: string): Promise<void>
  closeJob(jobId: string): Promise<BulkJobInfo>
  abortJob(jobId: string): Promise<BulkJobInfo>
  jobInfo(jobId: string): Promise<BulkJobInfo>
  jobResults(
    jobId: string,
    kind: "successfulResults" | "failedResults"
  ): Promise<string>
}

/** Where the batch's jobs are kept: the database, for the drain that takes over after a crash. */
export type BulkJobStore = {
  jobs(): Promise<BulkJobRow[]>
  /** False when this drain no longer holds the batch (another took it over): it must stop. */
  save(job: BulkJobRow): Promise<boolean>
}

export type BulkPolling = {
  /** Wait before the first look at a closed job; doubled after each look. */
  firstMs: number
  /** The longest wait between two looks. */
  maxMs: number
  /** A job not finished after this long fails its records (they are sent again by a later sync). */
  giveUpMs: number
}

export const DEFAULT_BULK_POLLING: BulkPolling = {
  firstMs: 500,
  maxMs: 10_000,
  giveUpMs: 30 * 60_000,
}

export type BulkContext = {
  transport: BulkTransport
  store: BulkJobStore
  policy: RetryPolicy
  /** Steps with at most this many records go as composite requests (when `composite` is given). */
  threshold: number
  /** The composite sender, for small steps and for records worth one more try. */
  composite?: PackedContext
  polling?: BulkPolling
  sleep?: Sleep
}

/** This drain lost the batch to another (its lease ran out): nothing more may be sent or stored for it. */
export const BULK_BATCH_LOST = "BULK_BATCH_LOST"

async function store(ctx: BulkContext, job: BulkJobRow) {
  if (!(await ctx.store.save(job))) {
    throw new SalesforceApiError({
      errorCode: BULK_BATCH_LOST,
      kind: "transient",
      message: "another sync took this Bulk batch over",
    })
  }
}

/** Polls the job with backoff until it finished (or the wait is given up). */
async function waitForJob(
  ctx: BulkContext,
  info: BulkJobInfo
): Promise<BulkJobInfo> {
  const polling = ctx.polling ?? DEFAULT_BULK_POLLING
  const sleep = ctx.sleep ?? realSleep
  const started = Date.now()
  let delay = polling.firstMs
  while (!FINISHED_JOB_STATES.includes(info.state)) {
    if (Date.now() - started > polling.giveUpMs) {
      throw new SalesforceApiError({
        errorCode: "BULK_JOB_TIMEOUT",
        kind: "transient",
        message: `Salesforce had not finished Bulk job ${info.id} after ${Math.round(polling.giveUpMs / 60_000)} minutes`,
      })
    }
    await sleep(delay)
    delay = Math.min(polling.maxMs, delay * 2)
    const id = info.id
    info = await withRetry(
      () => ctx.transport.jobInfo(id),
      ctx.policy,
      ctx.sleep
    )
  }
  return info
}

/** The step's job: the stored one when there is one worth polling, else a new one with the step's CSV. */
async function startOrResume(
  ctx: BulkContext,
  step: UpsertStep,
  stored: BulkJobRow | undefined
): Promise<BulkJobInfo> {
  const retry = <T>(call: () => Promise<T>) =>
    withRetry(call, ctx.policy, ctx.sleep)
  if (stored) {
    const info = await retry(() => ctx.transport.jobInfo(stored.job_id))
    if (info.state !== "Open") return info
    // Closed by nobody: the upload may be cut short. Abort it (best effort) and send the step in a new job.
    await retry(() => ctx.transport.abortJob(info.id)).catch((raw) =>
      rethrowIfHalting(toSalesforceApiError(raw))
    )
  }
  const created = await retry(() =>
    ctx.transport.createUpsertJob(step.object, step.externalIdField)
  )
  const row = (state: string) => ({
    step: step.name,
    object: step.object,
    job_id: created.id,
    state,
  })
  await store(ctx, row(created.state))
  const csv = stepToCsv(step)
  await retry(() => ctx.transport.uploadJobData(created.id, csv))
  const closed = await retry(() => ctx.transport.closeJob(created.id))
  await store(ctx, row(closed.state))
  return closed
}

/** Runs (or resumes) the step's job and answers each of its records, by key. */
async function runJob(
  ctx: BulkContext,
  step: UpsertStep,
  stored: BulkJobRow | undefined
): Promise<Map<string, RecordResult>> {
  const retry = <T>(call: () => Promise<T>) =>
    withRetry(call, ctx.policy, ctx.sleep)
  const info = await waitForJob(ctx, await startOrResume(ctx, step, stored))
  await store(ctx, {
    step: step.name,
    object: step.object,
    job_id: info.id,
    state: info.state,
  })
  const complete = info.state === "JobComplete"
  const succeeded = info.numberRecordsProcessed - info.numberRecordsFailed
  const successful =
    !complete || succeeded > 0
      ? parseCsv(
          await retry(() =>
            ctx.transport.jobResults(info.id, "successfulResults")
          )
        )
      : []
  const failed =
    !complete || info.numberRecordsFailed > 0
      ? parseCsv(
          await retry(() => ctx.transport.jobResults(info.id, "failedResults"))
        )
      : []
  return bulkAnswers(step, {
    successful,
    failed,
    jobError:
      info.errorMessage ??
      (info.state === "Aborted" ? "the job was aborted" : null),
  })
}

/**
 * The step's records whose parents did not fail; the others get their parent's failure as their answer. A parent
 * not answered yet is one sent in the same composite requests, which send-packed.ts orders and checks.
 */
function sendableRecords(step: UpsertStep, answers: Map<string, Answer>) {
  return step.records.filter((record) => {
    const blocked = record.requires
      .filter((ref) => answers.has(refId(ref)))
      .map((ref) => failureIn(answers.get(refId(ref)), ref.object))
      .find((f) => f)
    if (blocked) {
      answers.set(refId({ object: step.object, key: record.key }), blocked)
    }
    return !blocked
  })
}

/** Sends the plan's steps as Bulk jobs (or composites, for small steps); answers by refId, as runSteps does. */
export async function runBulkSteps(
  ctx: BulkContext,
  steps: UpsertStep[]
): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>()
  const stored = new Map((await ctx.store.jobs()).map((j) => [j.step, j]))
  const small = (step: UpsertStep) =>
    !!ctx.composite &&
    !stored.has(step.name) &&
    step.records.length <= ctx.threshold
  for (let i = 0; i < steps.length; i++) {
    // Small steps in a row share composite requests (new customers' Accounts and Contacts: one call).
    if (ctx.composite && small(steps[i])) {
      const group: UpsertStep[] = []
      for (; i < steps.length && small(steps[i]); i++) {
        group.push({ ...steps[i], records: sendableRecords(steps[i], answers) })
      }
      i--
      const sent = await runPackedSteps(
        ctx.composite,
        group.filter((s) => s.records.length)
      )
      sent.forEach((answer, id) => answers.set(id, answer))
      continue
    }
    const step = steps[i]
    const sendable = sendableRecords(step, answers)
    if (!sendable.length) continue
    let results: Map<string, RecordResult>
    try {
      results = await runJob(
        ctx,
        { ...step, records: sendable },
        stored.get(step.name)
      )
    } catch (raw) {
      const error = toSalesforceApiError(raw)
      rethrowIfHalting(error)
      // Another drain holds the batch now: it sends the rest; this one must not create a job more.
      if (error.errorCode === BULK_BATCH_LOST) throw error
      for (const record of sendable) {
        answers.set(
          refId({ object: step.object, key: record.key }),
          failureOf(error, step.object)
        )
      }
      continue
    }
    results.forEach((result, key) =>
      answers.set(refId({ object: step.object, key }), result)
    )
    const again = sendable.filter((record) => {
      const result = results.get(record.key)
      return (
        !!result &&
        !result.success &&
        isRetryableRecord(result, step.externalIdField)
      )
    })
    if (again.length && ctx.composite) {
      const resent = await runPackedSteps(ctx.composite, [
        { ...step, records: again },
      ])
      resent.forEach((answer, id) => answers.set(id, answer))
    }
  }
  return answers
}
