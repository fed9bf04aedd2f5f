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
import { errorMessage, formatDateTime, formatNumber } from "../lib/format"
import {
  useSalesforceSettings,
  useUpdateSalesforceSettings,
} from "../lib/hooks"
import { usePermissions } from "../lib/permissions"
import { adminLocale, usePluginTranslation } from "../lib/i18n"
import type { ApiUsageSummary } from "../lib/types"
import { SectionError, SectionSkeleton } from "./states"

/**
 * Settings -> Salesforce -> API budget: the share of the org's daily API requests the sync may take, today's usage
 * on a meter with the budget marked, the calls this store made today, and why syncing is paused when it is.
 */
export const ApiBudgetSection = () => {
  const { t } = usePluginTranslation()
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
      toast.success(t("budget.saved"))
    } catch (e) {
      toast.error(t("budget.saveError"), {
        description: errorMessage(e),
      })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="api-budget">
      <div className="px-6 py-4">
        <Heading level="h2">{t("budget.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("budget.description")}
        </Text>
      </div>
      {isLoading ? (
        <SectionSkeleton rows={2} />
      ) : isError || !settings ? (
        <SectionError
          error={error}
          what={t("what.budget")}
          onRetry={() => void refetch()}
        />
      ) : (
        <>
          {settings.pause && (
            <div className="px-6 py-4">
              <Alert variant="warning" data-testid="sync-pause-reason">
                {settings.pause.until && settings.pause.active
                  ? t("budget.pausedUntil", {
                      reason: settings.pause.reason,
                      until: formatDateTime(settings.pause.until),
                    })
                  : t("budget.paused", { reason: settings.pause.reason })}
              </Alert>
            </div>
          )}
          <div className="flex items-end justify-between gap-x-6 px-6 py-4">
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="api-budget-percent" size="small" weight="plus">
                {t("budget.field")}
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
                  {t("budget.invalid")}
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
                {t("common.save")}
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
                {t("budget.noUsage")}
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
  const { t } = usePluginTranslation()
  const ratio = usage.limit > 0 ? Math.min(usage.used / usage.limit, 1) : 0
  return (
    <div className="flex flex-col gap-y-2">
      <div className="relative pt-1">
        <div
          role="meter"
          aria-label={t("connection.usageToday")}
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
          title={t("budget.mark", { percent: formatNumber(percent) })}
          className="bg-ui-fg-base absolute top-0 h-4 w-0.5 rounded-full"
          // From the start of the bar, which is the right in a right-to-left language.
          style={{ insetInlineStart: `calc(${percent}% - 1px)` }}
        />
      </div>
      <div className="text-ui-fg-subtle flex flex-wrap justify-between gap-x-4 gap-y-1">
        <Text size="small" data-testid="api-usage-text">
          {t("budget.usage", {
            used: formatNumber(usage.used),
            limit: formatNumber(usage.limit),
            share: new Intl.NumberFormat(adminLocale(), {
              minimumFractionDigits: 1,
              maximumFractionDigits: 1,
            }).format((usage.used / Math.max(usage.limit, 1)) * 100),
            percent: formatNumber(percent),
            budget: formatNumber(usage.budget),
          })}
        </Text>
        <Text size="small" data-testid="api-calls-by-store">
          {t("budget.byStore", {
            n: formatNumber(usage.calls_today_by_store),
          })}
        </Text>
      </div>
      {usage.reported_at && (
        <Text size="xsmall" className="text-ui-fg-muted">
          {t("budget.reportedAt", { date: formatDateTime(usage.reported_at) })}
        </Text>
      )}
    </div>
  )
}
