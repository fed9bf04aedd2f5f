/**
 * The baseline the bulk path is measured against: what a first integration usually does, one invoice at a time
 * with plain jsforce calls. Per invoice: one SOQL query for the customer's Contact, an Account and Contact upsert
 * when there is none, the invoice upsert, then each line upserted on its own. It uses the app's mapping, so both
 * paths send the same records.
 */
import { Connection } from "jsforce"
import {
  CUSTOMER_EXTERNAL_ID,
  CustomerReference,
  customerKeyOf,
  customerToRecords,
  EXTERNAL_ID,
  INVOICE_LINE_OBJECT,
  INVOICE_OBJECT,
  invoiceToRecords,
  SyncableInvoice,
} from "../../src/modules/salesforce/mapping"

export type NaiveLogin = {
  url: string
  clientId: string
  clientSecret: string
  apiVersion: string
}

type SaveResult = { success?: boolean; errors?: unknown[] }

/** A Connection on a client-credentials token, requested with a plain form POST as the brief of the baseline says. */
export async function naiveConnection({
  url,
  clientId,
  clientSecret,
  apiVersion,
}: NaiveLogin): Promise<Connection> {
  const response = await fetch(`${url}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    }),
    signal: AbortSignal.timeout(30_000),
  })
  if (!response.ok) {
    throw new Error(`token request answered ${response.status}`)
  }
  const token = (await response.json()) as {
    access_token: string
    instance_url: string
  }
  return new Connection({
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    version: apiVersion,
  })
}

function soqlString(value: string) {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`
}

function check(result: SaveResult | SaveResult[], what: string) {
  for (const r of Array.isArray(result) ? result : [result]) {
    if (!r.success) {
      throw new Error(`naive ${what} failed: ${JSON.stringify(r.errors)}`)
    }
  }
}

async function customerOf(
  conn: Connection,
  invoice: SyncableInvoice
): Promise<CustomerReference> {
  if (invoice.customer_email) {
    const { records } = await conn.query<{
      Id: string
      AccountId: string | null
    }>(
      `SELECT Id, AccountId FROM Contact WHERE Email = ${soqlString(invoice.customer_email)} ORDER BY CreatedDate LIMIT 1`
    )
    if (records[0]) {
      return {
        kind: "contact",
        contactId: records[0].Id,
        accountId: records[0].AccountId,
      }
    }
  }
  const key = customerKeyOf(invoice)
  if (!key) {
    return { kind: "none" }
  }
  const { account, contact } = customerToRecords({
    key,
    email: invoice.customer_email ?? null,
    name: invoice.customer_name ?? null,
  })
  check(
    await conn.sobject("Account").upsert(account, CUSTOMER_EXTERNAL_ID),
    "Account upsert"
  )
  check(
    await conn.sobject("Contact").upsert(contact, CUSTOMER_EXTERNAL_ID),
    "Contact upsert"
  )
  return { kind: "external", customerKey: key }
}

/** Sends the invoices one after another; throws on the first refused record (the benchmark expects none). */
export async function naiveSync(
  conn: Connection,
  invoices: SyncableInvoice[]
): Promise<void> {
  for (const invoice of invoices) {
    const customer = await customerOf(conn, invoice)
    const { invoice: record, lines } = invoiceToRecords(invoice, {
      customer,
      syncNotes: false,
    })
    check(
      await conn.sobject(INVOICE_OBJECT).upsert(record, EXTERNAL_ID),
      "invoice upsert"
    )
    for (const line of lines) {
      check(
        await conn.sobject(INVOICE_LINE_OBJECT).upsert(line, EXTERNAL_ID),
        "line upsert"
      )
    }
  }
}
