import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { COUNT_BOUND } from "./count-bound"
import { TABLES } from "./tables"

export type InvoiceGridQuery = {
  q?: string
  type?: string
  order_id?: string | string[]
  created_at?: Record<string, unknown>
  sync_status?: string
  /** A column of the invoice, descending when prefixed with "-". */
  order?: string
  offset: number
  limit: number
}

const COMPARISONS: Record<string, string> = {
  $gt: ">",
  $gte: ">=",
  $lt: "<",
  $lte: "<=",
}

/**
 * One page of the invoice grid as ids, newest first unless asked otherwise, and how many match: two indexed
 * statements whatever the store's size. The sync status lives in the Salesforce module's table, so filtering on it
 * is a semi-join there (an anti-join for "not_synced"), not a list of every synced id sent back as `NOT IN`.
 * The count is exact up to COUNT_BOUND rows past the page, and `count_capped` says when there are at least that many.
 * `q` matches the invoice number or the customer's email anywhere (trigram indexes), or the order's number.
 */
export async function listInvoiceGridPage(
  container: MedusaContainer,
  query: InvoiceGridQuery
): Promise<{ ids: string[]; count: number; count_capped: boolean }> {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const matching = knex(`${TABLES.invoice} as i`).whereNull("i.deleted_at")
  if (query.type) matching.where("i.type", query.type)
  if (query.order_id) matching.whereIn("i.order_id", [query.order_id].flat())
  for (const [operator, value] of Object.entries(query.created_at ?? {})) {
    matching.where("i.created_at", COMPARISONS[operator], value as string)
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const orderNumber = query.q.replace(/^#/, "")
    matching.where((or) => {
      or.where("i.number", "ilike", like).orWhere(
        "i.customer_email",
        "ilike",
        like
      )
      if (/^\d{1,9}$/.test(orderNumber)) {
        or.orWhere("i.order_display_id", Number(orderNumber))
      }
    })
  }
  if (query.sync_status) {
    const sync = knex(`${TABLES.invoiceSync} as s`)
      .select(knex.raw("1"))
      .whereRaw("s.invoice_id = i.id")
      .whereNull("s.deleted_at")
    if (query.sync_status === "not_synced") {
      matching.whereNotExists(sync)
    } else {
      matching.whereExists(sync.where("s.status", query.sync_status))
    }
  }
  const descending = (query.order ?? "-created_at").startsWith("-")
  const column = (query.order ?? "-created_at").replace(/^-/, "")
  const direction = descending ? "desc" : "asc"
  const bound = query.offset + query.limit + COUNT_BOUND
  const [rows, [counted]] = await Promise.all([
    matching
      .clone()
      .select("i.id")
      // The sequence breaks ties (invoices of one order share a created_at), so pages never overlap.
      .orderBy([
        { column: `i.${column}`, order: direction },
        { column: "i.sequence", order: direction },
      ])
      .limit(query.limit)
      .offset(query.offset),
    knex
      .count({ count: "*" })
      .from(matching.clone().select(knex.raw("1")).limit(bound).as("bounded")),
  ])
  const count = Number((counted as { count: string | number }).count)
  return {
    ids: rows.map((r: { id: string }) => r.id),
    count,
    count_capped: count >= bound,
  }
}
