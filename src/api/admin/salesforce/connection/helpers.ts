import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import { describeSalesforceError } from "../../../../modules/salesforce/lib/describe-error"
import { toSalesforceApiError } from "../../../../modules/salesforce/lib/errors"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import { SalesforceSyncEvents } from "../../../../workflows/salesforce/events"

export type AdminSalesforceConnection = {
  configured: boolean
  /** unknown: configured, but neither a test nor a sync has reached Salesforce yet. */
  status: "connected" | "failing" | "not_configured" | "unknown"
  login_url: string | null
  instance_url: string | null
  org_id: string | null
  username: string | null
  api_version: string | null
  auth_flow: string | null
  api_usage: { used: number; limit: number } | null
  last_error: string | null
  checked_at: Date | null
  paused_until: Date | null
  /** What in the field mapping the org cannot take; checked by Test connection only (null: not checked). */
  mapping_problems: string[] | null
}

/**
 * The connection as last seen, from what is stored (a read: no call to Salesforce, no login, nothing written).
 * Who we are in the org is known only to a test (testConnection): a GET that logged in would, with every settings
 * page load, spend a token request, and with the password flow lock the integration user out after a few refusals.
 */
export async function storedConnection(
  container: MedusaContainer
): Promise<AdminSalesforceConnection> {
  const service: SalesforceModuleService = container.resolve(SALESFORCE_MODULE)
  const summary = service.connectionSummary()
  // Not getSettings: that creates the row on first use.
  const [settings] = await service.listSalesforceSettings({ id: "default" })
  const base = {
    ...summary,
    instance_url: null,
    org_id: null,
    username: null,
    api_usage:
      settings?.api_used != null && settings?.api_limit != null
        ? { used: settings.api_used, limit: settings.api_limit }
        : null,
    paused_until: settings?.paused_until ?? null,
    mapping_problems: null,
    checked_at: settings?.connection_checked_at ?? null,
  }
  if (!summary.configured) {
    return {
      ...base,
      status: "not_configured",
      last_error: `Salesforce is not configured: ${service.configurationProblems().join("; ")}`,
    }
  }
  if (settings?.connection_error) {
    return { ...base, status: "failing", last_error: settings.connection_error }
  }
  return {
    ...base,
    status: base.checked_at ? "connected" : "unknown",
    last_error: null,
  }
}

/**
 * Test connection: asks Salesforce who we are and how much of the daily API budget is used, checks the field
 * mapping against the org's describe, and remembers whether that worked.
 */
export async function testConnection(
  container: MedusaContainer
): Promise<AdminSalesforceConnection> {
  const service: SalesforceModuleService = container.resolve(SALESFORCE_MODULE)
  const summary = service.connectionSummary()
  let settings = await service.getSettings()
  const base = {
    ...summary,
    instance_url: null,
    org_id: null,
    username: null,
    api_usage: null,
    paused_until: settings.paused_until ?? null,
    mapping_problems: null,
  }
  if (!summary.configured) {
    return {
      ...base,
      status: "not_configured",
      last_error: `Salesforce is not configured: ${service.configurationProblems().join("; ")}`,
      checked_at: null,
    }
  }
  if (settings.connection_error) {
    // Testing is the admin's way to say the credentials were fixed: lift the refresh cool-down.
    service.resetConnection()
  }
  try {
    const { identity, usage } = await service.meteredCall(() =>
      service.describeOrg()
    )
    const mappingProblems = await service.checkFieldMapping(true)
    settings = await service.updateSettings({
      connection_error: null,
      connection_checked_at: new Date(),
    })
    return {
      ...base,
      status: "connected",
      instance_url: identity.instanceUrl,
      org_id: identity.organizationId,
      username: identity.username,
      api_usage: usage,
      mapping_problems: mappingProblems,
      last_error: null,
      checked_at: settings.connection_checked_at ?? null,
    }
  } catch (raw) {
    const message = describeSalesforceError(toSalesforceApiError(raw))
    const at = new Date()
    if (await service.markConnectionFailing(message, at)) {
      await container.resolve(Modules.EVENT_BUS).emit({
        name: SalesforceSyncEvents.CONNECTION_FAILED,
        data: { at: at.toISOString(), message },
      })
    }
    settings = await service.getSettings()
    return {
      ...base,
      status: "failing",
      ...service.lastSeenSession(),
      last_error: message,
      checked_at: settings.connection_checked_at ?? null,
    }
  }
}
