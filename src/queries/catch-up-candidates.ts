import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { TABLES } from "./tables"

export type CatchUpCandidate = { id: string; sequence: number }

/**
 * One page of the invoice documents the catch-up must send: every one without a `synced` sync row (never sent,
 * failed, or changed since), in series order so credit notes follow their invoices. Pass the last sequence of the
 * previous page as `afterSequence`; an empty page means done. Each page is a range of the unique sequence index
 * with one probe of the sync row's unique index per document, so a store of any size is read a page at a time.
 */
export async function listCatchUpCandidates(
  container: MedusaContainer,
  {
    afterSequence = 0,
    limit = 1000,
  }: { afterSequence?: number; limit?: number }
): Promise<CatchUpCandidate[]> {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = await knex(`${TABLES.invoice} as i`)
    .select("i.id", "i.sequence")
    .whereNull("i.deleted_at")
    .where("i.sequence", ">", afterSequence)
    .whereNotExists(
      knex(`${TABLES.invoiceSync} as s`)
        .select(knex.raw("1"))
        .whereRaw("s.invoice_id = i.id")
        .where("s.status", "synced")
        .whereNull("s.deleted_at")
    )
    .orderBy("i.sequence", "asc")
    .limit(limit)
  return rows.map((r: { id: string; sequence: number }) => ({
    id: r.id,
    sequence: Number(r.sequence),
  }))
}
