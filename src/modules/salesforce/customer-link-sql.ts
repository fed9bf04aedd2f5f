/**
 * The customer links (models/customer-link.ts), read and written set-based: one statement for a batch's
 * emails, one for what it learned. Runs inside the caller's transaction.
 */
import type { SqlExecutor } from "./outbox-sql"

export type CustomerLinkRow = {
  /** Lower-cased email. */
  email: string
  contact_id: string
  account_id: string | null
}

export async function readCustomerLinks(
  exec: SqlExecutor,
  emails: string[]
): Promise<CustomerLinkRow[]> {
  if (!emails.length) return []
  const rows = await exec(
    `SELECT id, contact_id, account_id FROM msi_customer_link
     WHERE id IN (?) AND deleted_at IS NULL`,
    [emails]
  )
  return rows.map((r) => ({
    email: String(r.id),
    contact_id: String(r.contact_id),
    account_id: r.account_id === null ? null : String(r.account_id),
  }))
}

/** Drops the links of `stale` emails, then writes `links` (new or replacing), each in one statement. */
export async function writeCustomerLinks(
  exec: SqlExecutor,
  { links, stale }: { links: CustomerLinkRow[]; stale: string[] }
): Promise<void> {
  if (stale.length) {
    await exec(`DELETE FROM msi_customer_link WHERE id IN (?)`, [stale])
  }
  const byEmail = new Map(links.map((l) => [l.email, l]))
  if (!byEmail.size) return
  // One JSON parameter, bound: the executor would expand an array binding into a list.
  await exec.bound(
    `INSERT INTO msi_customer_link (id, contact_id, account_id)
     SELECT l.email, l.contact_id, l.account_id
     FROM jsonb_to_recordset(?::jsonb) AS l(email text, contact_id text, account_id text)
     ON CONFLICT (id) DO UPDATE
       SET contact_id = excluded.contact_id, account_id = excluded.account_id,
           updated_at = now(), deleted_at = NULL`,
    [JSON.stringify([...byEmail.values()])]
  )
}
