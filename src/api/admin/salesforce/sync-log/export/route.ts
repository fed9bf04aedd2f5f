import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { Writable } from "node:stream"
import { finished } from "node:stream/promises"
import { stringify } from "csv-stringify"
import { SALESFORCE_MODULE } from "../../../../../modules/salesforce"
import { hintForAttempt } from "../../../../../modules/salesforce/fix-hints"
import type SalesforceModuleService from "../../../../../modules/salesforce/service"
import type { AdminExportSyncLogParamsType } from "../../validators"
import { spreadsheetSafe } from "./spreadsheet-safe"
import { currencyDecimals, roundMoney } from "../../../../../utils/money"

const COLUMNS = [
  { key: "date", header: "Sync date" },
  { key: "invoice_number", header: "Invoice number" },
  { key: "order_number", header: "Order number" },
  { key: "type", header: "Type" },
  { key: "amount", header: "Amount" },
  { key: "currency", header: "Currency" },
  { key: "reason", header: "Failure reason" },
  { key: "error_code", header: "Salesforce code" },
  { key: "hint", header: "How to fix" },
  { key: "trigger", header: "Trigger" },
  { key: "run_id", header: "Run" },
]

/** Rows read per query: the export streams, so its memory stays that of one page whatever the count. */
const PAGE_SIZE = 1000

/**
 * Resolves when `csv` drains or `res` closes, and leaves no listener behind (events.once in a race would: one
 * "close" and one "error" listener on the response for every full buffer of a long export).
 */
function drainedOrClosed(csv: Writable, res: MedusaResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      csv.off("drain", done)
      res.off("close", done)
      resolve()
    }
    csv.once("drain", done)
    res.once("close", done)
  })
}

/** The failed records as CSV: all of them, or of one run, or of one reason. */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminExportSyncLogParamsType>,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const { run_id, reason } = req.validatedQuery as AdminExportSyncLogParamsType
  // Within a run every failure is listed; across runs, each invoice's latest state only.
  const filter = { run_id, reason }
  // The first page is read before the headers go out, so a failing query still answers with an error status.
  let page = await service.listFailedAttemptsPage(filter, null, PAGE_SIZE)
  // The run id is checked as an id already; the file name keeps only what no header or file system reads as syntax.
  const name =
    `salesforce-sync-failures${run_id ? `-${run_id}` : ""}.csv`.replace(
      /[^A-Za-z0-9_.-]/g,
      "_"
    )
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`)
  const csv = stringify({ header: true, columns: COLUMNS })
  csv.pipe(res)
  for (;;) {
    for (const a of page) {
      const row = spreadsheetSafe({
        date: new Date(a.created_at).toISOString(),
        invoice_number: a.invoice_number,
        order_number: `#${a.order_display_id}`,
        type: a.document_type === "credit_note" ? "Credit note" : "Invoice",
        amount: roundMoney(a.amount, a.currency_code).toFixed(
          currencyDecimals(a.currency_code)
        ),
        currency: a.currency_code.toUpperCase(),
        reason: a.error_message ?? "",
        error_code: a.error_code ?? "",
        hint: hintForAttempt({ ...a, status: "failed" }) ?? "",
        trigger: a.trigger,
        run_id: a.run_id,
      })
      if (!csv.write(row)) {
        // A client that goes away stops the export instead of leaving it waiting for a drain that never comes.
        await drainedOrClosed(csv, res)
        if (res.destroyed) {
          csv.destroy()
          return
        }
      }
    }
    if (page.length < PAGE_SIZE) break
    const last = page[page.length - 1]
    page = await service.listFailedAttemptsPage(filter, last, PAGE_SIZE)
  }
  csv.end()
  await finished(res)
}
