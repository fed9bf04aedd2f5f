/**
 * The POLICY of sending one batch: looks up the customers' Contacts, has the pure plan say which records go in
 * which order (modules/salesforce/batch-plan.ts), sends each step through the transport (the module service) and
 * decides what every answer means: transient failures are retried with backoff, a record that lost a concurrent
 * create of its external ID (DUPLICATE_VALUE) is sent again as the update it now is, a reference to a Contact
 * deleted meanwhile is re-resolved once, and a spent daily limit or refused credentials halt everything.
 *
 * A failure of one record fails only its documents; a failure of a whole call fails the documents in it.
 */
import type { ResolvedFieldMapping } from "../../../modules/salesforce/field-mapping"
import {
  ACCOUNT_OBJECT,
  BatchPlan,
  CONTACT_OBJECT,
  contactLookupQueries,
  contactsByEmail,
  customerEmails,
  matchesByEmail,
  KnownContact,
  planBatch,
  RecordRef,
  UpsertStep,
} from "../../../modules/salesforce/batch-plan"
import type { CustomerLinkRow } from "../../../modules/salesforce/customer-link-sql"
import { describeSalesforceError } from "../../../modules/salesforce/lib/describe-error"
import {
  SalesforceApiError,
  toSalesforceApiError,
} from "../../../modules/salesforce/lib/errors"
import type { RecordResult } from "../../../modules/salesforce/lib/record-results"
import {
  CurrencyIsoCodeFields,
  customerKeyOf,
  INVOICE_LINE_OBJECT,
  INVOICE_OBJECT,
  SalesforceRecord,
  SyncableInvoice,
} from "../../../modules/salesforce/mapping"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import {
  backoffDelay,
  realSleep,
  RetryPolicy,
  Sleep,
  withRetry,
} from "./retry-policy"
import {
  Answer,
  Failure,
  failureIn,
  failureOf,
  isFailure,
  isRetryableRecord,
  recordFailure,
  refId,
  rethrowIfHalting,
} from "./record-answers"
import { BulkContext, runBulkSteps } from "./send-bulk"
import {
  CompositeTransport,
  PackedContext,
  runPackedSteps,
} from "./send-packed"
import { BatchBudget, SendTrace } from "./send-trace"
import { packSteps } from "../../../modules/salesforce/composite-pack"
import {
  apiBudgetError,
  exceedsBudget,
} from "../../../modules/salesforce/api-budget"

export type { Failure } from "./record-answers"

/** What the policy needs of the transport: the Salesforce module service offers exactly these. */
export type SalesforceTransport = {
  upsertRecords(
    object: string,
    externalIdField: string,
    records: SalesforceRecord[]
  ): Promise<RecordResult[]>
  queryRecords<T>(soql: string): Promise<T[]>
  destroyRecords(object: string, ids: string[]): Promise<RecordResult[]>
  /** The record's address in Salesforce, once the transport has a session (it has, after a call). */
  recordUrl(object: string, id: string): string | null
  /** When offered, which records carry CurrencyIsoCode (the org's describe, cached); else none do. */
  currencyFields?(): Promise<CurrencyIsoCodeFields>
  /** When offered, the steps go as composite requests (send-packed.ts) rather than one collection a call. */
  upsertComposite?: CompositeTransport["upsertComposite"]
}

export type SendContext = {
  transport: SalesforceTransport
  syncNotes: boolean
  policy: RetryPolicy
  /** Salesforce ids of the lines sent last time, by invoice id then Medusa line id. */
  previousLineIds: Map<string, Record<string, string>>
  /** Guests are matched to existing Contacts by email too (the matchGuestsByEmail option). Default false. */
  matchGuestsByEmail?: boolean
  /** Contacts customers already resolved to (the module's customer links), by lower-cased email: not looked up. */
  knownContacts?: Map<string, KnownContact>
  /** Requests to Salesforce in flight at once, where they do not depend on each other. Default 1. */
  concurrency?: number
  /** Where records go in the org; the shipped metadata when left out. */
  mapping?: ResolvedFieldMapping
  /** When given, no call is made that would take the org's usage past this share of its limit (api-budget.ts). */
  budget?: BatchBudget
  /** The REST API version, for the endpoints the attempt viewer shows. */
  apiVersion?: string
  /** A large batch: its plan goes as Bulk API 2.0 jobs (send-bulk.ts); the composite sender is filled in here. */
  bulk?: Omit<BulkContext, "composite">
  sleep?: Sleep
}

/** Why the whole run must stop. */
export type PushHalt = {
  /** api_budget: nothing of the batch is recorded; its documents go back to the outbox (see commitOutbox). */
  kind: "auth" | "daily_limit" | "api_budget"
  errorCode: string
  message: string
}

export type PushResult = {
  outcomes: InvoiceSyncOutcome[]
  halt: PushHalt | null
  /** Contacts found or created for emails not linked before (or whose link went stale), to remember. */
  customer_links?: CustomerLinkRow[]
  /** Emails whose linked or found Contact Salesforce refused as deleted: their links go. */
  stale_customer_emails?: string[]
}

const STALE_REFERENCE = new Set([
  "ENTITY_IS_DELETED",
  "INVALID_CROSS_REFERENCE_KEY",
])
const MISSING_RECORD_CODES = new Set([...STALE_REFERENCE, "NOT_FOUND"])

/**
 * Upserts records, retrying the whole call on transient failures and, after that, only the records Salesforce
 * answered with a retryable error. Answers come back in input order.
 */
async function upsertAll(
  ctx: SendContext,
  object: string,
  externalIdField: string,
  records: SalesforceRecord[]
): Promise<Answer[]> {
  const results: Answer[] = new Array(records.length)
  let pending = records.map((_, i) => i)
  for (let attempt = 1; pending.length; attempt++) {
    let answer: RecordResult[]
    try {
      answer = await withRetry(
        () =>
          ctx.transport.upsertRecords(
            object,
            externalIdField,
            pending.map((i) => records[i])
          ),
        ctx.policy,
        ctx.sleep
      )
    } catch (raw) {
      const error = toSalesforceApiError(raw)
      rethrowIfHalting(error)
      for (const i of pending) results[i] = failureOf(error, object)
      return results
    }
    const retry: number[] = []
    answer.forEach((result, k) => {
      const i = pending[k]
      if (
        !result.success &&
        isRetryableRecord(result, externalIdField) &&
        attempt < ctx.policy.maxAttempts
      ) {
        retry.push(i)
      } else {
        results[i] = result
      }
    })
    pending = retry
    if (pending.length) {
      await (ctx.sleep ?? realSleep)(backoffDelay(attempt + 1, ctx.policy))
    }
  }
  return results
}

/** The composite sender over the context's transport, when it offers composite requests. */
function packedContext(ctx: SendContext): PackedContext | undefined {
  const { upsertComposite } = ctx.transport
  return upsertComposite
    ? {
        transport: { upsertComposite: upsertComposite.bind(ctx.transport) },
        policy: ctx.policy,
        concurrency: ctx.concurrency ?? 1,
        sleep: ctx.sleep,
      }
    : undefined
}

/** Sends the plan's steps in order; a record whose requirement failed is not sent and fails the same way. */
async function runSteps(
  ctx: SendContext,
  steps: UpsertStep[]
): Promise<Map<string, Answer>> {
  const packed = packedContext(ctx)
  if (packed) {
    return runPackedSteps(packed, steps)
  }
  const answers = new Map<string, Answer>()
  for (const step of steps) {
    const sendable = step.records.filter((record) => {
      const blocked = record.requires
        .map((ref) => failureIn(answers.get(refId(ref)), ref.object))
        .find((f) => f)
      if (blocked) {
        answers.set(refId({ object: step.object, key: record.key }), blocked)
      }
      return !blocked
    })
    if (!sendable.length) continue
    const results = await upsertAll(
      ctx,
      step.object,
      step.externalIdField,
      sendable.map((r) => r.fields)
    )
    sendable.forEach((record, k) =>
      answers.set(refId({ object: step.object, key: record.key }), results[k])
    )
  }
  return answers
}

/** The known Contacts, plus those found by email for the customers not known yet (no query when all are). */
async function lookUpContacts(
  ctx: SendContext,
  invoices: SyncableInvoice[]
): Promise<Map<string, KnownContact>> {
  const known = ctx.knownContacts ?? new Map<string, KnownContact>()
  const unknown = customerEmails(invoices, ctx.matchGuestsByEmail).filter(
    (e) => !known.has(e)
  )
  type Row = { Id: string; AccountId: string | null; Email: string }
  const pages = await Promise.all(
    contactLookupQueries(unknown).map((soql) =>
      withRetry(
        () => ctx.transport.queryRecords<Row>(soql),
        ctx.policy,
        ctx.sleep
      )
    )
  )
  const found = contactsByEmail(pages.flat())
  return new Map([...known, ...found])
}

/** What the batch learned about its customers' Contacts, for emails not linked before or linked to a stale one. */
function learnedLinks(
  ctx: SendContext,
  invoices: SyncableInvoice[],
  contacts: Map<string, KnownContact>,
  stale: Set<string>,
  answers: Map<string, Answer>
): CustomerLinkRow[] {
  const links = new Map<string, CustomerLinkRow>()
  const idOf = (object: string, key: string) => {
    const answer = answers.get(refId({ object, key }))
    return answer && !isFailure(answer) && answer.success ? answer.id : null
  }
  for (const invoice of invoices) {
    const email = invoice.customer_email?.toLowerCase()
    // A guest's Contact is its own, never the one its email stands for.
    if (!email || links.has(email)) continue
    if (!matchesByEmail(invoice, ctx.matchGuestsByEmail)) continue
    if (ctx.knownContacts?.has(email) && !stale.has(email)) continue
    const found = stale.has(email) ? undefined : contacts.get(email)
    if (found) {
      links.set(email, {
        email,
        contact_id: found.contactId,
        account_id: found.accountId,
      })
      continue
    }
    const key = customerKeyOf(invoice)
    const contactId = key && idOf(CONTACT_OBJECT, key)
    if (key && contactId) {
      links.set(email, {
        email,
        contact_id: contactId,
        account_id: idOf(ACCOUNT_OBJECT, key) ?? null,
      })
    }
  }
  return [...links.values()]
}

const planFor = (
  ctx: SendContext,
  invoices: SyncableInvoice[],
  contacts: Map<string, KnownContact>,
  currencyIsoCode: CurrencyIsoCodeFields | undefined
): BatchPlan =>
  planBatch({
    invoices,
    contacts,
    syncNotes: ctx.syncNotes,
    matchGuestsByEmail: ctx.matchGuestsByEmail,
    currencyIsoCode,
    previousLineIds: ctx.previousLineIds,
    mapping: ctx.mapping,
  })

/** The sObjects invoices and lines go to under the context's mapping. */
const objectsOf = (ctx: SendContext) => ({
  invoice: ctx.mapping?.invoice.object ?? INVOICE_OBJECT,
  line: ctx.mapping?.line.object ?? INVOICE_LINE_OBJECT,
})

/**
 * The most API calls a batch makes when nothing is retried: its contact lookups, its composites with every customer
 * still to be created (more records than if some are found), and one deletion call.
 */
export function estimateCalls(
  ctx: SendContext,
  invoices: SyncableInvoice[]
): number {
  const known = ctx.knownContacts ?? new Map<string, KnownContact>()
  const unknown = customerEmails(invoices, ctx.matchGuestsByEmail).filter(
    (e) => !known.has(e)
  )
  // CurrencyIsoCode adds a field, never a record: the count is the same without it.
  const plan = planFor(ctx, invoices, known, undefined)
  return (
    contactLookupQueries(unknown).length +
    packSteps(plan.steps).length +
    (plan.deletions.length ? 1 : 0)
  )
}

/**
 * What a sync would send for these documents now, without sending anything: the Contacts it would match (the
 * known links, then a read-only lookup by email unless `lookUp` is false) and the plan the sync would follow. The
 * preview uses exactly this.
 */
export async function planToSend(
  ctx: SendContext,
  invoices: SyncableInvoice[],
  { lookUp = true }: { lookUp?: boolean } = {}
): Promise<{ plan: BatchPlan; contacts: Map<string, KnownContact> }> {
  const contacts = lookUp
    ? await lookUpContacts(ctx, invoices)
    : (ctx.knownContacts ?? new Map<string, KnownContact>())
  const currency = lookUp ? await currencyFieldsOf(ctx) : undefined
  return { plan: planFor(ctx, invoices, contacts, currency), contacts }
}

/** Which of the org's objects take CurrencyIsoCode (a multi-currency org), from the transport's cached describe. */
async function currencyFieldsOf(
  ctx: SendContext
): Promise<CurrencyIsoCodeFields | undefined> {
  const { currencyFields } = ctx.transport
  return currencyFields
    ? withRetry<CurrencyIsoCodeFields>(
        () => currencyFields.call(ctx.transport),
        ctx.policy,
        ctx.sleep
      )
    : undefined
}

/** Sends one batch (the documents one drain claimed). Throws only for a halt (see PushHalt). */
async function sendPlanned(
  guarded: SendContext,
  invoices: SyncableInvoice[]
): Promise<Omit<PushResult, "halt">> {
  const started = Date.now()
  const budget = guarded.budget
  const usage = budget?.meter.usage
  if (budget && usage) {
    const calls = estimateCalls(guarded, invoices)
    if (exceedsBudget(usage, budget.percent, calls)) {
      throw apiBudgetError(usage, budget.percent)
    }
  }
  const trace = new SendTrace(guarded.apiVersion ?? "62.0", budget)
  const ctx = { ...guarded, transport: trace.wrap(guarded.transport) }
  const objects = objectsOf(ctx)
  const contacts = await lookUpContacts(ctx, invoices)
  const currency = await currencyFieldsOf(ctx)
  const plan = planFor(ctx, invoices, contacts, currency)
  const plans = [plan]
  const answers = ctx.bulk
    ? await runBulkSteps(
        { ...ctx.bulk, composite: packedContext(ctx) },
        plan.steps
      )
    : await runSteps(ctx, plan.steps)

  // A Contact found by email that was deleted or merged meanwhile: point those documents at our own, once.
  const stale = invoices.filter((invoice) => {
    const answer = answers.get(
      refId({ object: objects.invoice, key: invoice.id })
    )
    const email = invoice.customer_email?.toLowerCase()
    return (
      !!email &&
      contacts.has(email) &&
      !isFailure(answer) &&
      answer &&
      !answer.success &&
      answer.errors.some((e) => STALE_REFERENCE.has(e.statusCode))
    )
  })
  if (stale.length) {
    const replanned = planFor(ctx, stale, new Map(), currency)
    plans.push(replanned)
    const again = await runSteps(ctx, replanned.steps)
    again.forEach((answer, id) => answers.set(id, answer))
  }
  const staleEmails = new Set(
    stale.map((invoice) => invoice.customer_email!.toLowerCase())
  )

  const lineIds = new Map<string, Record<string, string>>()
  const failures = new Map<string, Failure>()
  for (const doc of plan.documents) {
    const own = failureIn(answers.get(refId(doc.record)), objects.invoice)
    if (own) {
      failures.set(doc.id, own)
      continue
    }
    const ids: Record<string, string> = {}
    for (const key of doc.line_keys) {
      const ref = { object: objects.line, key }
      const answer = answers.get(refId(ref))
      const failure = failureIn(answer, ref.object)
      if (failure) {
        if (!failures.has(doc.id)) failures.set(doc.id, failure)
      } else {
        ids[key] = (answer as RecordResult).id!
      }
    }
    lineIds.set(doc.id, ids)
  }

  // Lines removed in Medusa since the last successful sync go in Salesforce too, for documents that went through.
  const deletions = plan.deletions.filter((d) => lineIds.has(d.document_id))
  if (deletions.length) {
    try {
      const results = await withRetry(
        () =>
          ctx.transport.destroyRecords(
            deletions[0].object,
            deletions.map((d) => d.id)
          ),
        ctx.policy,
        ctx.sleep
      )
      results.forEach((r, k) => {
        const gone =
          r.success ||
          r.errors.every((e) => MISSING_RECORD_CODES.has(e.statusCode))
        const doc = deletions[k].document_id
        if (!gone && !failures.has(doc)) {
          failures.set(doc, recordFailure(r, deletions[k].object))
        }
      })
    } catch (raw) {
      const error = toSalesforceApiError(raw)
      rethrowIfHalting(error)
      for (const d of deletions) {
        if (!failures.has(d.document_id)) {
          failures.set(d.document_id, failureOf(error, d.object))
        }
      }
    }
  }

  const duration = Date.now() - started
  const detailOf = trace.detailsFor(plans)
  const outcomes: InvoiceSyncOutcome[] = invoices.map((invoice) => {
    const failure = failures.get(invoice.id)
    const answer = answers.get(
      refId({ object: objects.invoice, key: invoice.id })
    )
    const salesforceId =
      answer && !isFailure(answer) && answer.success
        ? (answer.id ?? null)
        : null
    return {
      invoice_id: invoice.id,
      status: failure ? "failed" : "synced",
      salesforce_id: salesforceId,
      salesforce_url: salesforceId
        ? ctx.transport.recordUrl(objects.invoice, salesforceId)
        : null,
      error_code: failure?.errorCode ?? null,
      error_message: failure?.message ?? null,
      duration_ms: duration,
      line_ids: failure ? null : (lineIds.get(invoice.id) ?? {}),
      detail: detailOf(invoice.id, invoice.customer_email),
    }
  })
  return {
    outcomes,
    customer_links: learnedLinks(ctx, invoices, contacts, staleEmails, answers),
    stale_customer_emails: [...staleEmails],
  }
}

/** Every document of a batch failed for one reason (the run stopped, or a call outside any one record failed). */
export function failedOutcomes(
  invoices: { id: string }[],
  failure: Failure
): InvoiceSyncOutcome[] {
  return invoices.map((invoice) => ({
    invoice_id: invoice.id,
    status: "failed",
    salesforce_id: null,
    salesforce_url: null,
    error_code: failure.errorCode,
    error_message: failure.message,
    duration_ms: 0,
    line_ids: null,
  }))
}

/** Sends one batch; a halt comes back as failed outcomes plus the halt, for the caller to stop and record. */
export async function sendBatch(
  ctx: SendContext,
  invoices: SyncableInvoice[]
): Promise<PushResult> {
  try {
    return { ...(await sendPlanned(ctx, invoices)), halt: null }
  } catch (raw) {
    const error = toSalesforceApiError(raw)
    if (error.kind === "api_budget") {
      // Nothing is recorded: the documents wait in the outbox (records already sent are upserted again later).
      return {
        outcomes: [],
        halt: {
          kind: "api_budget",
          errorCode: error.errorCode,
          message: error.message,
        },
      }
    }
    if (error.kind !== "auth" && error.kind !== "daily_limit") {
      // A failure outside any single record (e.g. the contact query): the whole batch failed, the run goes on.
      return {
        outcomes: failedOutcomes(invoices, failureOf(error)),
        halt: null,
      }
    }
    const halt: PushHalt = {
      kind: error.kind,
      errorCode: error.errorCode,
      message: describeSalesforceError(error),
    }
    return { outcomes: failedOutcomes(invoices, halt), halt }
  }
}
