import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import {
  budgetCeiling,
  budgetReached,
} from "../../../../modules/salesforce/api-budget"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import { updateSalesforceSettingsWorkflow } from "../../../../workflows/salesforce"
import { presentPause } from "../helpers"
import type { AdminUpdateSalesforceSettingsType } from "../validators"

type StoredSettings = Awaited<
  ReturnType<SalesforceModuleService["getSettings"]>
>

/**
 * The settings as the admin shows them: the toggles, the API budget with the org's usage as Salesforce last
 * reported it and the calls this store made today (UTC), and why syncing is paused, if it is. No Salesforce call.
 */
async function present(service: SalesforceModuleService, s: StoredSettings) {
  const now = new Date()
  const usage =
    s.api_used != null && s.api_limit != null
      ? { used: s.api_used, limit: s.api_limit }
      : null
  return {
    enabled: s.enabled,
    automatic_sync: s.automatic_sync,
    sync_notes: s.sync_notes,
    attach_pdf: s.attach_pdf,
    api_budget_percent: s.api_budget_percent,
    api_usage: usage && {
      ...usage,
      budget: budgetCeiling(usage.limit, s.api_budget_percent),
      budget_reached: budgetReached(usage, s.api_budget_percent),
      reported_at: s.api_usage_at ?? null,
      calls_today_by_store: await service.apiCallsToday(),
    },
    pause: presentPause(s, now),
  }
}

export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  res.json({ settings: await present(service, await service.getSettings()) })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateSalesforceSettingsType>,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const { result } = await updateSalesforceSettingsWorkflow(req.scope).run({
    input: req.validatedBody,
  })
  res.json({ settings: await present(service, result) })
}
