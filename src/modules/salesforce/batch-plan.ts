/**
 * The PLAN of one batch: a pure function from invoice documents and what we know of their customers in
 * Salesforce to the records to send, in the order Salesforce needs them. Nothing here calls Salesforce, retries or
 * reads settings: the transport (the module service) sends a step, the policy (the sync workflow) decides what to
 * do with its answer.
 *
 * A plan is an ordered list of upsert steps, each one object keyed by one external ID field, so a transport may send
 * a step as one sObject Collections call or pack several steps into one composite request. Every record names the
 * documents it serves and the records of earlier steps it points at: a record whose parent failed is not sent, and
 * its documents fail with the parent's reason.
 */
import {
  applyFieldMapping,
  resolveFieldMapping,
  ResolvedFieldMapping,
} from "./field-mapping"
import { soqlInLists } from "./lib/soql"
import {
  CUSTOMER_EXTERNAL_ID,
  CustomerReference,
  customerKeyOf,
  customerToRecords,
  EXTERNAL_ID,
  CurrencyIsoCodeFields,
  invoiceToRecords,
  SalesforceRecord,
  SyncableInvoice,
} from "./mapping"

export const ACCOUNT_OBJECT = "Account"
export const CONTACT_OBJECT = "Contact"

/** A record of a plan, by object and external ID value. */
export type RecordRef = { object: string; key: string }

export type PlannedRecord = {
  /** The record's external ID value: how answers and dependencies refer to it. */
  key: string
  /** The documents this record serves: a customer's Account serves each of its invoices in the batch. */
  document_ids: string[]
  fields: SalesforceRecord
  /** Records of earlier steps this one points at; if one failed, this one is not sent. */
  requires: RecordRef[]
}

/** What a step holds, whatever object the mapping sends it to: a stored Bulk job is found again by it. */
export type StepName =
  "account" | "contact" | "invoice" | "credit_note" | "line"

export type UpsertStep = {
  name: StepName
  object: string
  externalIdField: string
  records: PlannedRecord[]
}

/** Salesforce records to delete once a document's upserts all succeeded (lines removed in Medusa). */
export type PlannedDeletion = {
  object: string
  id: string
  document_id: string
}

export type PlannedDocument = {
  id: string
  /** The document's own record: its Salesforce id is the invoice's. */
  record: RecordRef
  /** Its lines' external IDs (the Medusa line ids). */
  line_keys: string[]
}

export type BatchPlan = {
  /** In dependency order: accounts, contacts, invoices, credit notes (they point at invoices), lines. */
  steps: UpsertStep[]
  deletions: PlannedDeletion[]
  documents: PlannedDocument[]
}

/** A Contact that already has the customer's email, found in Salesforce. */
export type KnownContact = { contactId: string; accountId: string | null }

export type PlanInput = {
  /** Where records go in the org; the shipped metadata when left out (see field-mapping.ts). */
  mapping?: ResolvedFieldMapping
  invoices: SyncableInvoice[]
  /** Existing Contacts by lower-cased email; an invoice whose email is here points at that Contact. */
  contacts: Map<string, KnownContact>
  syncNotes: boolean
  /** Guests are matched to existing Contacts by email too (see matchesByEmail). Default false. */
  matchGuestsByEmail?: boolean
  /** Which records carry CurrencyIsoCode (the org's describe shows it); none when left out. */
  currencyIsoCode?: CurrencyIsoCodeFields
  /** Salesforce ids of the lines sent last time, by document id then Medusa line id. */
  previousLineIds: Map<string, Record<string, string>>
}

/**
 * Whether the document's customer may be matched to an existing Contact by email: a registered customer may; a
 * guest (a checkout with any email typed in, verified by nobody) only when the store opts in with
 * matchGuestsByEmail, else it gets its own Account and Contact keyed by its Medusa customer. Documents from before
 * the flag was kept (null) are matched as they always were.
 */
export function matchesByEmail(
  invoice: Pick<SyncableInvoice, "customer_email" | "customer_has_account">,
  matchGuestsByEmail = false
): boolean {
  return (
    !!invoice.customer_email &&
    (invoice.customer_has_account !== false || matchGuestsByEmail)
  )
}

/** Lower-cased customer emails of the documents matched by email, once each: the Contacts to look for first. */
export function customerEmails(
  invoices: SyncableInvoice[],
  matchGuestsByEmail = false
): string[] {
  return [
    ...new Set(
      invoices
        .filter((i) => matchesByEmail(i, matchGuestsByEmail))
        .map((i) => i.customer_email?.toLowerCase())
        .filter((e): e is string => !!e)
    ),
  ]
}

/** The SOQL queries that find existing Contacts for these emails (oldest first: the first one found is used). */
export function contactLookupQueries(emails: string[]): string[] {
  if (!emails.length) return []
  return soqlInLists(emails).map(
    (chunk) =>
      `SELECT Id, AccountId, Email FROM Contact WHERE Email IN (${chunk}) ORDER BY CreatedDate`
  )
}

/** Contacts by lower-cased email from the lookup's rows, the first (oldest) one per email. */
export function contactsByEmail(
  rows: { Id: string; AccountId: string | null; Email: string | null }[]
): Map<string, KnownContact> {
  const byEmail = new Map<string, KnownContact>()
  for (const row of rows) {
    const email = row.Email?.toLowerCase()
    if (email && !byEmail.has(email)) {
      byEmail.set(email, { contactId: row.Id, accountId: row.AccountId })
    }
  }
  return byEmail
}

/** How the invoice points at its customer: an existing Contact by email, ours by external ID, or nobody. */
function customerOf(
  invoice: SyncableInvoice,
  contacts: Map<string, KnownContact>,
  matchGuestsByEmail: boolean
): CustomerReference {
  const known =
    invoice.customer_email && matchesByEmail(invoice, matchGuestsByEmail)
      ? contacts.get(invoice.customer_email.toLowerCase())
      : undefined
  if (known) {
    return {
      kind: "contact",
      contactId: known.contactId,
      accountId: known.accountId,
    }
  }
  const key = customerKeyOf(invoice)
  return key ? { kind: "external", customerKey: key } : { kind: "none" }
}

/** Appends a record to a step, or adds the document to the record already there (one Account per customer). */
function addRecord(
  step: UpsertStep,
  index: Map<string, PlannedRecord>,
  record: Omit<PlannedRecord, "document_ids">,
  documentId: string
) {
  const existing = index.get(record.key)
  if (existing) {
    existing.document_ids.push(documentId)
    return
  }
  const planned = { ...record, document_ids: [documentId] }
  index.set(record.key, planned)
  step.records.push(planned)
}

const DEFAULT_MAPPING = resolveFieldMapping()

export function planBatch({
  invoices,
  contacts,
  syncNotes,
  matchGuestsByEmail = false,
  currencyIsoCode,
  previousLineIds,
  mapping = DEFAULT_MAPPING,
}: PlanInput): BatchPlan {
  // Where invoices and lines go in the org: the shipped metadata, or the store's field mapping.
  const invoiceObject = mapping.invoice.object
  const lineObject = mapping.line.object
  const lineKey = mapping.line.fields[EXTERNAL_ID] ?? EXTERNAL_ID
  const step = (
    name: StepName,
    object: string,
    externalIdField: string
  ): UpsertStep => ({
    name,
    object,
    externalIdField,
    records: [],
  })
  const accounts = step("account", ACCOUNT_OBJECT, CUSTOMER_EXTERNAL_ID)
  const contactStep = step("contact", CONTACT_OBJECT, CUSTOMER_EXTERNAL_ID)
  // Credit notes after invoices: a credit note's lookup to its original must find it already in Salesforce.
  const invoiceKey = mapping.invoice.fields[EXTERNAL_ID] ?? EXTERNAL_ID
  const invoiceStep = step("invoice", invoiceObject, invoiceKey)
  const creditNoteStep = step("credit_note", invoiceObject, invoiceKey)
  const lineStep = step("line", lineObject, lineKey)
  const accountIndex = new Map<string, PlannedRecord>()
  const contactIndex = new Map<string, PlannedRecord>()
  const documents: PlannedDocument[] = []
  const deletions: PlannedDeletion[] = []

  for (const invoice of invoices) {
    const customer = customerOf(invoice, contacts, matchGuestsByEmail)
    const requires: RecordRef[] = []
    if (customer.kind === "external") {
      const records = customerToRecords({
        key: customer.customerKey,
        email: invoice.customer_email ?? null,
        name: invoice.customer_name ?? null,
      })
      const account = { object: ACCOUNT_OBJECT, key: customer.customerKey }
      addRecord(
        accounts,
        accountIndex,
        { key: account.key, fields: records.account, requires: [] },
        invoice.id
      )
      addRecord(
        contactStep,
        contactIndex,
        { key: account.key, fields: records.contact, requires: [account] },
        invoice.id
      )
      requires.push(account, { object: CONTACT_OBJECT, key: account.key })
    }
    const records = applyFieldMapping(
      invoiceToRecords(invoice, { customer, syncNotes, currencyIsoCode }),
      invoice,
      mapping
    )
    const own = { object: invoiceObject, key: invoice.id }
    ;(invoice.type === "credit_note"
      ? creditNoteStep
      : invoiceStep
    ).records.push({
      key: invoice.id,
      document_ids: [invoice.id],
      fields: records.invoice,
      requires,
    })
    const lineKeys = records.lines.map((line) => String(line[lineKey]))
    records.lines.forEach((fields, k) =>
      lineStep.records.push({
        key: lineKeys[k],
        document_ids: [invoice.id],
        fields,
        requires: [own],
      })
    )
    documents.push({ id: invoice.id, record: own, line_keys: lineKeys })

    const current = new Set(lineKeys)
    for (const [medusaId, salesforceId] of Object.entries(
      previousLineIds.get(invoice.id) ?? {}
    )) {
      if (!current.has(medusaId)) {
        deletions.push({
          object: lineObject,
          id: salesforceId,
          document_id: invoice.id,
        })
      }
    }
  }

  return {
    steps: [
      accounts,
      contactStep,
      invoiceStep,
      creditNoteStep,
      lineStep,
    ].filter((s) => s.records.length),
    deletions,
    documents,
  }
}
