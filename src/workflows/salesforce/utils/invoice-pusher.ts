/**
 * Sends a batch of invoice documents to Salesforce with as few calls as the API allows: one SOQL query for the
 * customers' contacts, one upsert per object type (accounts, contacts, invoices, credit notes, lines), one delete
 * for lines removed since the last sync. Every record is keyed by an external ID, so sending a batch again,
 * whole or in part, updates the same records.
 *
 * A failure of one record fails only its invoice; a failure of a whole call fails the invoices in it; a spent
 * daily limit or refused credentials halt the run, since no further call can succeed.
 */
import type {
  RecordResult,
  SalesforceClient,
} from "../../../modules/salesforce/lib/client"
import {
  classifySalesforceError,
  describeSalesforceError,
  SalesforceApiError,
  toSalesforceApiError,
} from "../../../modules/salesforce/lib/errors"
import {
  CUSTOMER_EXTERNAL_ID,
  CustomerReference,
  customerKeyOf,
  customerToRecords,
  EXTERNAL_ID,
  invoiceToRecords,
  SalesforceRecord,
  SyncableInvoice,
} from "../../../modules/salesforce/mapping"
import {
  applyFieldMapping,
  resolveFieldMapping,
  ResolvedFieldMapping,
} from "../../../modules/salesforce/field-mapping"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import {
  backoffDelay,
  realSleep,
  RetryPolicy,
  Sleep,
  withRetry,
} from "./retry-policy"

export type PushContext = {
  client: SalesforceClient
  syncNotes: boolean
  policy: RetryPolicy
  /** Salesforce ids of the lines sent last time, by invoice id then Medusa line id. */
  previousLineIds: Map<string, Record<string, string>>
  /** Where the records go in the org; the shipped metadata when left out. */
  mapping?: ResolvedFieldMapping
  sleep?: Sleep
}

const DEFAULT_MAPPING = resolveFieldMapping()

/** The mapping of a push: objects, upsert keys, and the records in the org's shape. */
function target(ctx: PushContext) {
  const mapping = ctx.mapping ?? DEFAULT_MAPPING
  return {
    invoiceObject: mapping.invoice.object,
    invoiceKey: mapping.invoice.fields[EXTERNAL_ID] ?? EXTERNAL_ID,
    lineObject: mapping.line.object,
    lineKey: mapping.line.fields[EXTERNAL_ID] ?? EXTERNAL_ID,
    records: (
      invoice: SyncableInvoice,
      options: Parameters<typeof invoiceToRecords>[1]
    ) =>
      applyFieldMapping(invoiceToRecords(invoice, options), invoice, mapping),
  }
}

/** Why the whole run must stop. */
export type PushHalt = {
  kind: "auth" | "daily_limit"
  errorCode: string
  message: string
}

export type PushResult = {
  outcomes: InvoiceSyncOutcome[]
  halt: PushHalt | null
}

export type Failure = { errorCode: string; message: string }

const CUSTOMER_OBJECTS = { account: "Account", contact: "Contact" }
const MISSING_LINE_CODES = new Set([
  "ENTITY_IS_DELETED",
  "INVALID_CROSS_REFERENCE_KEY",
  "NOT_FOUND",
])

function failureOf(
  error: { errorCode: string; message: string; fields?: string[] },
  object?: string
): Failure {
  return {
    errorCode: error.errorCode,
    message: describeSalesforceError(error, object),
  }
}

function recordFailure(result: RecordResult, object: string): Failure {
  const [first] = result.errors
  return failureOf(
    {
      errorCode: first?.statusCode ?? "UNKNOWN_ERROR",
      message: first?.message ?? "Salesforce refused the record",
      fields: first?.fields,
    },
    object
  )
}

const isTransientRecord = (result: RecordResult) =>
  result.errors.some(
    (e) => classifySalesforceError(e.statusCode, e.message) === "transient"
  )

/** A halt-worthy error stops everything; anything else is returned so the caller fails the affected invoices. */
function rethrowIfHalting(error: SalesforceApiError) {
  if (error.kind === "auth" || error.kind === "daily_limit") {
    throw error
  }
}

/**
 * Upserts records, retrying the whole call on transient failures and, after that, only the records Salesforce
 * reported as transiently failed. Results come back in input order.
 */
async function upsertAll(
  ctx: PushContext,
  object: string,
  externalIdField: string,
  records: SalesforceRecord[]
): Promise<Array<RecordResult | Failure>> {
  const results: Array<RecordResult | Failure> = new Array(records.length)
  let pending = records.map((_, i) => i)
  for (let attempt = 1; pending.length; attempt++) {
    let answer: RecordResult[]
    try {
      answer = await withRetry(
        () =>
          ctx.client.upsert(
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
        isTransientRecord(result) &&
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

const isFailure = (r: unknown): r is Failure =>
  !!r && typeof r === "object" && "errorCode" in r
const succeeded = (r: RecordResult | Failure | undefined): r is RecordResult =>
  !!r && !isFailure(r) && r.success

/** Why a record did not make it, or null when it did. */
function failureIn(
  r: RecordResult | Failure | undefined,
  object: string
): Failure | null {
  if (isFailure(r)) return r
  if (!r)
    return {
      errorCode: "UNKNOWN_ERROR",
      message: "Salesforce did not answer for this record",
    }
  return r.success ? null : recordFailure(r, object)
}

function soqlString(value: string) {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`
}

/**
 * A query travels in the URL, which Salesforce caps at 16,384 bytes with the headers: emails go in as few
 * queries as keep each URL-encoded list under this many characters.
 */
const MAX_EMAIL_LIST_CHARS = 8000

export function emailChunks(emails: string[]): string[] {
  const chunks: string[][] = [[]]
  let size = 0
  for (const email of emails.map(soqlString)) {
    const cost = encodeURIComponent(`${email}, `).length
    if (
      size + cost > MAX_EMAIL_LIST_CHARS &&
      chunks[chunks.length - 1].length
    ) {
      chunks.push([])
      size = 0
    }
    chunks[chunks.length - 1].push(email)
    size += cost
  }
  return chunks.map((c) => c.join(", "))
}

/**
 * Points each invoice at its customer: a Contact that already has the email (never a second one), otherwise our
 * own Account and Contact keyed by the Medusa customer. Invoices without customer data point at nobody.
 */
async function resolveCustomers(
  ctx: PushContext,
  invoices: SyncableInvoice[],
  options: { ignoreExistingContacts?: boolean } = {}
): Promise<Map<string, CustomerReference | Failure>> {
  const refs = new Map<string, CustomerReference | Failure>()
  const emails = [
    ...new Set(
      invoices
        .map((i) => i.customer_email?.toLowerCase())
        .filter((e): e is string => !!e)
    ),
  ]
  const byEmail = new Map<string, { Id: string; AccountId: string | null }>()
  if (emails.length && !options.ignoreExistingContacts) {
    const contacts: { Id: string; AccountId: string | null; Email: string }[] =
      []
    for (const chunk of emailChunks(emails)) {
      contacts.push(
        ...(await withRetry(
          () =>
            ctx.client.query<{
              Id: string
              AccountId: string | null
              Email: string
            }>(
              `SELECT Id, AccountId, Email FROM Contact WHERE Email IN (${chunk}) ORDER BY CreatedDate`
            ),
          ctx.policy,
          ctx.sleep
        ))
      )
    }
    for (const c of contacts) {
      const email = c.Email?.toLowerCase()
      if (email && !byEmail.has(email)) byEmail.set(email, c)
    }
  }

  const newCustomers = new Map<
    string,
    { key: string; email: string | null; name: string | null }
  >()
  for (const invoice of invoices) {
    const contact = invoice.customer_email
      ? byEmail.get(invoice.customer_email.toLowerCase())
      : undefined
    const key = customerKeyOf(invoice)
    if (contact) {
      refs.set(invoice.id, {
        kind: "contact",
        contactId: contact.Id,
        accountId: contact.AccountId,
      })
    } else if (key) {
      refs.set(invoice.id, { kind: "external", customerKey: key })
      newCustomers.set(key, {
        key,
        email: invoice.customer_email ?? null,
        name: invoice.customer_name ?? null,
      })
    } else {
      refs.set(invoice.id, { kind: "none" })
    }
  }
  if (!newCustomers.size) {
    return refs
  }

  const customers = [...newCustomers.values()].map(customerToRecords)
  const failed = new Map<string, Failure>()
  const accounts = await upsertAll(
    ctx,
    CUSTOMER_OBJECTS.account,
    CUSTOMER_EXTERNAL_ID,
    customers.map((c) => c.account)
  )
  const withAccount = customers.filter((c, i) => {
    const failure = failureIn(accounts[i], CUSTOMER_OBJECTS.account)
    if (failure) failed.set(c.account[CUSTOMER_EXTERNAL_ID] as string, failure)
    return !failure
  })
  const contacts = await upsertAll(
    ctx,
    CUSTOMER_OBJECTS.contact,
    CUSTOMER_EXTERNAL_ID,
    withAccount.map((c) => c.contact)
  )
  withAccount.forEach((c, i) => {
    const failure = failureIn(contacts[i], CUSTOMER_OBJECTS.contact)
    if (failure) failed.set(c.contact[CUSTOMER_EXTERNAL_ID] as string, failure)
  })
  for (const [invoiceId, ref] of refs) {
    if (
      !isFailure(ref) &&
      ref.kind === "external" &&
      failed.has(ref.customerKey)
    ) {
      refs.set(invoiceId, failed.get(ref.customerKey)!)
    }
  }
  return refs
}

const STALE_REFERENCE = new Set([
  "ENTITY_IS_DELETED",
  "INVALID_CROSS_REFERENCE_KEY",
])

/** Upserts invoice records; a record whose contact vanished meanwhile is pointed at our own contact once. */
async function upsertInvoices(
  ctx: PushContext,
  invoices: SyncableInvoice[],
  customers: Map<string, CustomerReference | Failure>
): Promise<Map<string, RecordResult | Failure>> {
  const results = new Map<string, RecordResult | Failure>()
  const sendable = invoices.filter((i) => {
    const ref = customers.get(i.id)
    if (isFailure(ref)) results.set(i.id, ref)
    return !isFailure(ref)
  })
  // Credit notes go after invoices: their lookup to the original invoice must find it already in Salesforce.
  for (const group of [
    sendable.filter((i) => i.type !== "credit_note"),
    sendable.filter((i) => i.type === "credit_note"),
  ]) {
    if (!group.length) continue
    const to = target(ctx)
    const records = group.map(
      (i) =>
        to.records(i, {
          customer: customers.get(i.id) as CustomerReference,
          syncNotes: ctx.syncNotes,
        }).invoice
    )
    const answers = await upsertAll(
      ctx,
      to.invoiceObject,
      to.invoiceKey,
      records
    )
    const stale = group.filter((invoice, k) => {
      const r = answers[k]
      const ref = customers.get(invoice.id) as CustomerReference
      const isStale =
        !isFailure(r) &&
        !r.success &&
        r.errors.some((e) => STALE_REFERENCE.has(e.statusCode))
      if (!(isStale && ref.kind === "contact")) results.set(invoice.id, r)
      return isStale && ref.kind === "contact"
    })
    if (stale.length) {
      const fresh = await resolveCustomers(ctx, stale, {
        ignoreExistingContacts: true,
      })
      const again = await upsertInvoices(ctx, stale, fresh)
      again.forEach((r, id) => results.set(id, r))
    }
  }
  return results
}

/** Sends one batch (at most 200 invoices). Throws only for a halt (see PushHalt). */
async function pushBatch(
  ctx: PushContext,
  invoices: SyncableInvoice[]
): Promise<InvoiceSyncOutcome[]> {
  const started = Date.now()
  const to = target(ctx)
  const customers = await resolveCustomers(ctx, invoices)
  const invoiceResults = await upsertInvoices(ctx, invoices, customers)

  const lineFailures = new Map<string, Failure>()
  const lineIds = new Map<string, Record<string, string>>()
  const sent = invoices.filter((i) => succeeded(invoiceResults.get(i.id)))
  const lines = sent.flatMap((invoice) =>
    to
      .records(invoice, { customer: { kind: "none" }, syncNotes: false })
      .lines.map((record) => ({ invoice, record }))
  )
  for (const invoice of sent) lineIds.set(invoice.id, {})
  if (lines.length) {
    const answers = await upsertAll(
      ctx,
      to.lineObject,
      to.lineKey,
      lines.map((l) => l.record)
    )
    lines.forEach(({ invoice, record }, k) => {
      const r = answers[k]
      const failure = failureIn(r, to.lineObject)
      if (!failure) {
        lineIds.get(invoice.id)![record[to.lineKey] as string] = (
          r as RecordResult
        ).id!
      } else if (!lineFailures.has(invoice.id)) {
        lineFailures.set(invoice.id, failure)
      }
    })
  }

  // Lines removed in Medusa since the last successful sync are removed in Salesforce too.
  const removed = sent.flatMap((invoice) => {
    const before = ctx.previousLineIds.get(invoice.id) ?? {}
    const now = lineIds.get(invoice.id)!
    return Object.entries(before)
      .filter(([medusaId]) => !(medusaId in now))
      .map(([, salesforceId]) => ({ invoice, salesforceId }))
  })
  if (removed.length) {
    try {
      const answers = await withRetry(
        () =>
          ctx.client.destroy(
            to.lineObject,
            removed.map((r) => r.salesforceId)
          ),
        ctx.policy,
        ctx.sleep
      )
      answers.forEach((r, k) => {
        const gone =
          r.success ||
          r.errors.every((e) => MISSING_LINE_CODES.has(e.statusCode))
        if (!gone && !lineFailures.has(removed[k].invoice.id)) {
          lineFailures.set(
            removed[k].invoice.id,
            recordFailure(r, to.lineObject)
          )
        }
      })
    } catch (raw) {
      const error = toSalesforceApiError(raw)
      rethrowIfHalting(error)
      for (const { invoice } of removed)
        lineFailures.set(invoice.id, failureOf(error, to.lineObject))
    }
  }

  const duration = Date.now() - started
  return invoices.map((invoice) => {
    const result = invoiceResults.get(invoice.id)
    const failure =
      failureIn(result, to.invoiceObject) ?? lineFailures.get(invoice.id)
    const salesforceId = succeeded(result) ? (result.id ?? null) : null
    return {
      invoice_id: invoice.id,
      status: failure ? "failed" : "synced",
      salesforce_id: salesforceId,
      salesforce_url: salesforceId
        ? ctx.client.recordUrl(to.invoiceObject, salesforceId)
        : null,
      error_code: failure?.errorCode ?? null,
      error_message: failure?.message ?? null,
      duration_ms: duration,
      line_ids: failure ? null : (lineIds.get(invoice.id) ?? {}),
    }
  })
}

/** Every invoice of a batch failed for one reason (the run stopped, or a call outside any one record failed). */
export function failedOutcomes(
  invoices: SyncableInvoice[],
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
export async function pushInvoices(
  ctx: PushContext,
  invoices: SyncableInvoice[]
): Promise<PushResult> {
  try {
    return { outcomes: await pushBatch(ctx, invoices), halt: null }
  } catch (raw) {
    const error = toSalesforceApiError(raw)
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
