import { Container, Heading, Text, Tooltip } from "@medusajs/ui"
import { formatDate, formatNumber } from "../lib/format"
import { useSyncHealth } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import { SectionError, SectionSkeleton } from "./states"

const CHART_HEIGHT = 96

/** The last 30 days of syncing (documents synced and failed per day) and what is still waiting to be sent. */
export const SyncHealthPanel = () => {
  const { t } = usePluginTranslation()
  const { data, isLoading, isError, error, refetch } = useSyncHealth()

  if (isLoading) {
    return (
      <Container className="p-0">
        <SectionSkeleton rows={3} />
      </Container>
    )
  }
  if (isError || !data) {
    return (
      <Container className="p-0">
        <SectionError
          error={error}
          what={t("what.syncHealth")}
          onRetry={() => void refetch()}
        />
      </Container>
    )
  }

  const peak = Math.max(1, ...data.days.map((d) => d.synced + d.failed))
  const synced = data.days.reduce((n, d) => n + d.synced, 0)
  const failed = data.days.reduce((n, d) => n + d.failed, 0)
  const { backlog } = data

  return (
    <Container className="divide-y p-0" data-testid="sync-health">
      <div className="flex items-start justify-between gap-x-6 px-6 py-4">
        <div>
          <Heading level="h2">{t("health.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("health.description", {
              synced: formatNumber(synced),
              failed: formatNumber(failed),
            })}
          </Text>
        </div>
        <div className="text-end" data-testid="sync-backlog">
          <Text size="small" className="text-ui-fg-subtle">
            {t("health.waiting")}
          </Text>
          <Text size="xlarge" weight="plus" leading="compact">
            {formatNumber(backlog.total)}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("health.backlog", {
              queued: formatNumber(backlog.queued),
              notSynced: formatNumber(backlog.not_synced),
              failed: formatNumber(backlog.failed),
              outdated: formatNumber(backlog.outdated),
            })}
          </Text>
        </div>
      </div>
      <div className="px-6 py-4">
        <div
          className="flex items-end gap-x-1"
          style={{ height: CHART_HEIGHT }}
          role="img"
          aria-label={t("health.chartLabel", {
            synced: formatNumber(synced),
            failed: formatNumber(failed),
          })}
        >
          {data.days.map((day) => {
            const total = day.synced + day.failed
            return (
              <Tooltip
                key={day.date}
                content={t("health.day", {
                  date: formatDate(day.date),
                  synced: formatNumber(day.synced),
                  failed: formatNumber(day.failed),
                })}
              >
                <div
                  className="flex h-full flex-1 flex-col justify-end"
                  data-testid="health-day"
                  data-date={day.date}
                  data-synced={day.synced}
                  data-failed={day.failed}
                >
                  {total === 0 ? (
                    <div className="bg-ui-border-base h-px w-full" />
                  ) : (
                    <>
                      {day.failed > 0 && (
                        <div
                          className="bg-ui-tag-red-icon w-full rounded-t-sm"
                          style={{
                            height: `${(day.failed / peak) * CHART_HEIGHT}px`,
                          }}
                        />
                      )}
                      {day.synced > 0 && (
                        <div
                          className={`bg-ui-tag-green-icon w-full ${day.failed ? "" : "rounded-t-sm"}`}
                          style={{
                            height: `${(day.synced / peak) * CHART_HEIGHT}px`,
                          }}
                        />
                      )}
                    </>
                  )}
                </div>
              </Tooltip>
            )
          })}
        </div>
        <div className="text-ui-fg-muted mt-2 flex justify-between">
          <Text size="xsmall">{formatDate(data.days[0]?.date)}</Text>
          <div className="flex items-center gap-x-3">
            <span className="flex items-center gap-x-1">
              <span className="bg-ui-tag-green-icon inline-block h-2 w-2 rounded-sm" />
              <Text size="xsmall">{t("syncStatus.synced")}</Text>
            </span>
            <span className="flex items-center gap-x-1">
              <span className="bg-ui-tag-red-icon inline-block h-2 w-2 rounded-sm" />
              <Text size="xsmall">{t("syncStatus.failed")}</Text>
            </span>
          </div>
          <Text size="xsmall">
            {formatDate(data.days[data.days.length - 1]?.date)}
          </Text>
        </div>
      </div>
    </Container>
  )
}
