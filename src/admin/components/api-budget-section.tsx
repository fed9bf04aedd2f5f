import {
  Alert,
  Button,
  Container,
  Heading,
  Input,
  Label,
  Text,
  toast,
} from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage, formatDateTime } from "../lib/format"
import {
  useSalesforceSettings,
  useUpdateSalesforceSettings,
} from "../lib/hooks"
import { usePermissions } from "../lib/permissions"
import type { ApiUsageSummary } from "../lib/types"
import { SectionError, SectionSkeleton } from "./states"

/**
 * Settings -> Salesforce -> API budget: the share of the org's daily API requests the sync may take, today's usage
 * on a meter with the budget marked, the calls this store made today, and why syncing is paused when it is.
 */
export const ApiBudgetSection = () => {
  const {
    data: settings,
    isLoading,
    isError,
    error,
    refetch,
  } = useSalesforceSettings()
  const update = useUpdateSalesforceSettings()
  // Who may not configure sees the budget, greyed, and no Save.
  const canConfigure = usePermissions().can("msi_salesforce:configure")
  const [draft, setDraft] = useState("")
  useEffect(() => {
    if (settings) setDraft(String(settings.api_budget_percent))
  }, [settings?.api_budget_percent])

  const value = Number(draft)
  const valid = Number.isInteger(value) && value >= 1 && value <= 100
  const save = async () => {
    try {
      await update.mutateAsync({ api_budget_percent: value })
      toast.success("API budget saved")
    } catch (e) {
      toast.error("Could not save the API budget", {
        description: errorMessage(e),
      })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="api-budget">
      <div className="px-6 py-4">
        <Heading level="h2">API budget</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The share of your org's daily API requests the sync may use. At the
          budget, automatic sync, bulk sync and the catch-up wait (nothing is
          lost) and go on by themselves when usage falls or you raise it; a
          single invoice's Retry still goes.
        </Text>
      </div>
      {isLoading ? (
        <SectionSkeleton rows={2} />
      ) : isError || !settings ? (
        <SectionError
          error={error}
          what="the API budget"
          onRetry={() => void refetch()}
        />
      ) : (
        <>
          {settings.pause && (
            <div className="px-6 py-4">
              <Alert variant="warning" data-testid="sync-pause-reason">
                Syncing is paused: {settings.pause.reason}.
                {settings.pause.until && settings.pause.active
                  ? ` It looks again after ${formatDateTime(settings.pause.until)}.`
                  : " It goes on as soon as the next batch fits."}
              </Alert>
            </div>
          )}
          <div className="flex items-end justify-between gap-x-6 px-6 py-4">
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="api-budget-percent" size="small" weight="plus">
                Budget (% of the daily limit)
              </Label>
              <Input
                id="api-budget-percent"
                type="number"
                size="small"
                min={1}
                max={100}
                step={1}
                className="w-32"
                value={draft}
                disabled={!canConfigure}
                aria-invalid={!valid}
                onChange={(e) => setDraft(e.target.value)}
              />
              {!valid && (
                <Text size="xsmall" className="text-ui-fg-error">
                  A whole number from 1 to 100.
                </Text>
              )}
            </div>
            {canConfigure && (
              <Button
                size="small"
                variant="secondary"
                disabled={!valid || value === settings.api_budget_percent}
                isLoading={update.isPending}
                onClick={() => void save()}
              >
                Save
              </Button>
            )}
          </div>
          <div className="px-6 py-4">
            {settings.api_usage ? (
              <BudgetMeter
                usage={settings.api_usage}
                percent={settings.api_budget_percent}
              />
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                No usage reported yet: it shows after the first sync or
                connection test.
              </Text>
            )}
          </div>
        </>
      )}
    </Container>
  )
}

/** Today's usage as a bar, the budget as a mark on it; orange at the budget. */
const BudgetMeter = ({
  usage,
  percent,
}: {
  usage: ApiUsageSummary
  percent: number
}) => {
  const ratio = usage.limit > 0 ? Math.min(usage.used / usage.limit, 1) : 0
  return (
    <div className="flex flex-col gap-y-2">
      <div className="relative pt-1">
        <div
          role="meter"
          aria-label="API usage today"
          aria-valuemin={0}
          aria-valuemax={usage.limit}
          aria-valuenow={usage.used}
          data-testid="api-budget-meter"
          className="bg-ui-bg-component shadow-borders-base h-2 w-full overflow-hidden rounded-full"
        >
          <div
            className={`${usage.budget_reached ? "bg-ui-tag-orange-icon" : "bg-ui-fg-interactive"} h-full rounded-full`}
            style={{
              width: `${Math.max(ratio * 100, usage.used > 0 ? 1 : 0)}%`,
            }}
          />
        </div>
        <div
          data-testid="api-budget-mark"
          title={`Budget: ${percent} %`}
          className="bg-ui-fg-base absolute top-0 h-4 w-0.5 rounded-full"
          style={{ left: `calc(${percent}% - 1px)` }}
        />
      </div>
      <div className="text-ui-fg-subtle flex flex-wrap justify-between gap-x-4 gap-y-1">
        <Text size="small" data-testid="api-usage-text">
          {usage.used.toLocaleString()} of {usage.limit.toLocaleString()}{" "}
          requests today (
          {((usage.used / Math.max(usage.limit, 1)) * 100).toFixed(1)} %) ·
          budget {percent} % ({usage.budget.toLocaleString()})
        </Text>
        <Text size="small" data-testid="api-calls-by-store">
          {usage.calls_today_by_store.toLocaleString()} made by this store today
          (UTC)
        </Text>
      </div>
      {usage.reported_at && (
        <Text size="xsmall" className="text-ui-fg-muted">
          As Salesforce reported it at {formatDateTime(usage.reported_at)}
        </Text>
      )}
    </div>
  )
}
