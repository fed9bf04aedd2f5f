import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { stringify } from "csv-stringify/sync"
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

/** The failed records as CSV: all of them, or of one run, or of one reason. */
export const GET = async (
  req: AuthenticatedMedusaRequest<AdminExportSyncLogParamsType>,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const { run_id, reason } = req.validatedQuery as AdminExportSyncLogParamsType
  const filters: Record<string, unknown> = { status: "failed" }
  if (run_id) filters.run_id = run_id
  if (reason) filters.error_message = reason
  // Within a run every failure is listed; across runs, each invoice's latest state only.
  if (!run_id) filters.shown_in_log = true
  const attempts = await service.listSyncAttempts(filters, {
    order: { created_at: "DESC" },
  })
  const csv = stringify(
    attempts.map((a) =>
      spreadsheetSafe({
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
        hint: hintForAttempt(a) ?? "",
        trigger: a.trigger,
        run_id: a.run_id,
      })
    ),
    { header: true, columns: COLUMNS }
  )
  const name = `salesforce-sync-failures${run_id ? `-${run_id}` : ""}.csv`
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`)
  res.send(csv)
}
