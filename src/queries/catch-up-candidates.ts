import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { TABLES } from "./tables"

/**
 * One page of the invoice documents the catch-up must send: every one without a `synced` sync row (never sent,
 * failed, or changed since) and not already waiting in the outbox, oldest first (ids are time-ordered ULIDs, so
 * credit notes follow their invoices; the two number series share no sequence to page on). Pass the last id of the
 * previous page as `afterId`; an empty page means done. Each page is a range of the primary key with one probe of
 * the sync row's and the outbox's indexes per document, so a store of any size is read a page at a time.
 */
export async function listCatchUpCandidates(
  container: MedusaContainer,
  { afterId = "", limit = 1000 }: { afterId?: string; limit?: number }
): Promise<string[]> {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = await knex(`${TABLES.invoice} as i`)
    .select("i.id")
    .whereNull("i.deleted_at")
    .where("i.id", ">", afterId)
    .whereNotExists(
      knex(`${TABLES.invoiceSync} as s`)
        .select(knex.raw("1"))
        .whereRaw("s.invoice_id = i.id")
        .where("s.status", "synced")
        .whereNull("s.deleted_at")
    )
    .whereNotExists(
      knex(`${TABLES.syncOutbox} as o`)
        .select(knex.raw("1"))
        .whereRaw("o.invoice_id = i.id")
        .whereIn("o.status", ["pending", "claimed"])
        .whereNull("o.deleted_at")
    )
    .orderBy("i.id", "asc")
    .limit(limit)
  return rows.map((r: { id: string }) => r.id)
}
