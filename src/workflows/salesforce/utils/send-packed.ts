/**
 * The POLICY of sending a plan's upsert steps as composite requests (modules/salesforce/composite-pack.ts packs
 * them): up to `concurrency` requests at once, each only after the requests holding its records' parents answered.
 * Retries as the step-by-step sender does: a whole request on transient failures, then only the records Salesforce
 * answered with a retryable error, together with the records that depend on them. A record whose parent failed is
 * not sent when the parent's answer came first, and fails with the parent's reason either way.
 */
import type {
  PlannedRecord,
  UpsertStep,
} from "../../../modules/salesforce/batch-plan"
import {
  CompositePack,
  packSteps,
} from "../../../modules/salesforce/composite-pack"
import type { CollectionUpsert } from "../../../modules/salesforce/lib/composite"
import { toSalesforceApiError } from "../../../modules/salesforce/lib/errors"
import type { RecordResult } from "../../../modules/salesforce/lib/record-results"
import {
  Answer,
  failureIn,
  failureOf,
  isFailure,
  isRetryableRecord,
  refId,
  rethrowIfHalting,
} from "./record-answers"
import {
  backoffDelay,
  realSleep,
  RetryPolicy,
  Sleep,
  withRetry,
} from "./retry-policy"

export type CompositeTransport = {
  upsertComposite(collections: CollectionUpsert[]): Promise<RecordResult[][]>
}

export type PackedContext = {
  transport: CompositeTransport
  policy: RetryPolicy
  /** Composite requests in flight at once. */
  concurrency: number
  sleep?: Sleep
}

/**
 * Runs `run` for every pack once all the packs it depends on finished, at most `limit` at a time, lowest index
 * first. The first error stops new packs from starting; it is thrown once those in flight settled.
 */
export async function runInDependencyOrder(
  packs: Pick<CompositePack, "dependsOn">[],
  limit: number,
  run: (index: number) => Promise<void>
): Promise<void> {
  const done = new Set<number>()
  const started = new Set<number>()
  const inFlight = new Set<Promise<void>>()
  let error: unknown = null
  while (done.size < packs.length && error === null) {
    for (let i = 0; i < packs.length && inFlight.size < limit; i++) {
      if (started.has(i) || !packs[i].dependsOn.every((d) => done.has(d)))
        continue
      started.add(i)
      const task: Promise<void> = run(i).then(
        () => {
          done.add(i)
          inFlight.delete(task)
        },
        (e) => {
          error ??= e
          inFlight.delete(task)
        }
      )
      inFlight.add(task)
    }
    if (!inFlight.size) break
    await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  if (error !== null) throw error
  if (done.size < packs.length) {
    throw new Error("composite packs depend on each other in a cycle")
  }
}

const keyOf = (step: UpsertStep, record: PlannedRecord) =>
  refId({ object: step.object, key: record.key })

/** Sends the steps as composite requests; answers by refId, as runSteps in send-batch.ts gives them. */
export async function runPackedSteps(
  ctx: PackedContext,
  steps: UpsertStep[]
): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>()
  let round = steps
  for (let attempt = 1; round.length; attempt++) {
    for (const step of round)
      for (const record of step.records) answers.delete(keyOf(step, record))
    const packs = packSteps(round)
    await runInDependencyOrder(
      packs,
      Math.max(1, ctx.concurrency),
      async (index) => {
        // Parents in earlier packs have answered: a record whose parent failed stays unsent.
        const collections = packs[index].collections
          .map((c) => ({
            ...c,
            records: c.records.filter((r) =>
              r.requires.every((ref) => {
                const answer = answers.get(refId(ref))
                return (
                  answer === undefined || (!isFailure(answer) && answer.success)
                )
              })
            ),
          }))
          .filter((c) => c.records.length)
        if (!collections.length) return
        try {
          const results = await withRetry(
            () =>
              ctx.transport.upsertComposite(
                collections.map((c) => ({
                  object: c.object,
                  externalIdField: c.externalIdField,
                  records: c.records.map((r) => r.fields),
                }))
              ),
            ctx.policy,
            ctx.sleep
          )
          collections.forEach((c, k) =>
            c.records.forEach((record, j) =>
              answers.set(
                refId({ object: c.object, key: record.key }),
                results[k][j]
              )
            )
          )
        } catch (raw) {
          const error = toSalesforceApiError(raw)
          rethrowIfHalting(error)
          for (const c of collections)
            for (const record of c.records)
              answers.set(
                refId({ object: c.object, key: record.key }),
                failureOf(error, c.object)
              )
        }
      }
    )

    // Steps are in dependency order, so a parent's fate is settled before its children are looked at.
    const retrying = new Set<string>()
    const next: UpsertStep[] = []
    const canRetry = attempt < ctx.policy.maxAttempts
    for (const step of round) {
      const again: PlannedRecord[] = []
      for (const record of step.records) {
        const key = keyOf(step, record)
        const answer = answers.get(key)
        if (answer && !isFailure(answer) && answer.success) continue
        const parentRetrying = record.requires.some((ref) =>
          retrying.has(refId(ref))
        )
        const retryable =
          !!answer &&
          !isFailure(answer) &&
          isRetryableRecord(answer, step.externalIdField)
        if (canRetry && (parentRetrying || retryable)) {
          retrying.add(key)
          again.push(record)
          continue
        }
        const parentFailure = record.requires
          .map((ref) => failureIn(answers.get(refId(ref)), ref.object))
          .find((f) => f)
        if (parentFailure) answers.set(key, parentFailure)
      }
      if (again.length) next.push({ ...step, records: again })
    }
    round = next
    if (round.length) {
      await (ctx.sleep ?? realSleep)(backoffDelay(attempt + 1, ctx.policy))
    }
  }
  return answers
}
