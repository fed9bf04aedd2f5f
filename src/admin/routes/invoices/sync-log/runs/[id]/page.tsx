import { Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { DownloadFailedButton } from "../../../../../components/download-failed-button"
import {
  EmptyState,
  SectionError,
  SectionSkeleton,
} from "../../../../../components/states"
import { SyncPausedBanner } from "../../../../../components/sync-paused-banner"
import { RunStatusBadge } from "../../../../../components/sync-runs-table"
import { UserLabel } from "../../../../../components/user-label"
import { useErrorText } from "../../../../../components/error-text"
import {
  errorMessage,
  formatDateTime,
  formatNumber,
  TRIGGER_LABEL,
} from "../../../../../lib/format"
import { downloadFailedRecordsCsv, useSyncRun } from "../../../../../lib/hooks"
import { usePermissions } from "../../../../../lib/permissions"
import { translate, usePluginTranslation } from "../../../../../lib/i18n"

/** One sync run (seed 002): its counts, and its failures grouped by reason, each downloadable as CSV. */
const SyncRunPage = () => {
  const { t } = usePluginTranslation()
  const errorText = useErrorText()
  const { id } = useParams()
  const { data: run, isLoading, isError, error, refetch } = useSyncRun(id!)
  const canExport = usePermissions().can("msi_salesforce:export")

  if (isLoading) {
    return (
      <Container className="p-0">
        <SectionSkeleton rows={5} />
      </Container>
    )
  }
  if (isError || !run) {
    return (
      <Container className="p-0">
        <SectionError
          error={error}
          what={t("what.syncRun")}
          onRetry={() => void refetch()}
        />
      </Container>
    )
  }

  const download = (reason?: string) =>
    downloadFailedRecordsCsv({ run_id: run.id, reason }).catch((e) =>
      toast.error(t("failedRecords.downloadError"), {
        description: errorMessage(e),
      })
    )

  // [translation key, count]
  const counts: [string, number][] = [
    ["columns.records", run.total],
    ["columns.synced", run.synced],
    ["columns.failed", run.failed],
    ["columns.skipped", run.skipped ?? 0],
  ]

  return (
    <div className="flex flex-col gap-y-3">
      <SyncPausedBanner pause={run.paused} />
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>{t("run.title")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("run.started", {
                trigger: TRIGGER_LABEL[run.trigger]
                  ? t(TRIGGER_LABEL[run.trigger])
                  : run.trigger,
                date: formatDateTime(run.created_at),
              })}
              {run.started_by && (
                <>
                  {` ${t("run.startedBy")} `}
                  <UserLabel id={run.started_by} />
                </>
              )}
            </Text>
          </div>
          <div className="flex items-center gap-x-3">
            <RunStatusBadge run={run} />
            <Button size="small" variant="secondary" asChild>
              <Link to="/invoices/sync-log?tab=runs">{t("run.allRuns")}</Link>
            </Button>
          </div>
        </div>
        <div className="grid grid-cols-2 divide-x md:grid-cols-4 rtl:divide-x-reverse">
          {counts.map(([label, value]) => (
            <div key={label} className="flex flex-col gap-y-1 px-6 py-4">
              <Text size="small" className="text-ui-fg-subtle">
                {t(label)}
              </Text>
              {label === "columns.failed" && value > 0 && canExport ? (
                <button
                  type="button"
                  onClick={() => void download()}
                  className="text-ui-fg-error txt-compact-xlarge-plus w-fit text-start underline-offset-2 hover:underline"
                  title={t("run.downloadFailedTitle")}
                  data-testid="failed-count"
                >
                  {formatNumber(value)}
                </button>
              ) : (
                <Text size="xlarge" weight="plus" leading="compact">
                  {formatNumber(value)}
                </Text>
              )}
            </div>
          ))}
        </div>
        <div className="text-ui-fg-subtle flex items-center justify-between px-6 py-4">
          <Text size="small">{t("run.finished")}</Text>
          <Text size="small">
            {run.finished_at
              ? formatDateTime(run.finished_at)
              : t("run.stillRunning")}
          </Text>
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h2">{t("run.failuresByReason")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("run.failuresHint")}
            </Text>
          </div>
          {run.failed > 0 && (
            <DownloadFailedButton runId={run.id} label={t("run.downloadAll")} />
          )}
        </div>
        {run.failures_by_reason.length === 0 ? (
          <EmptyState
            title={t("run.noFailures")}
            description={t("run.noFailuresDescription")}
          />
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>
                  {t("columns.failureReason")}
                </Table.HeaderCell>
                <Table.HeaderCell>{t("run.salesforceCode")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attempt.howToFix")}</Table.HeaderCell>
                <Table.HeaderCell className="text-end">
                  {t("columns.records")}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {run.failures_by_reason.map((group) => (
                <Table.Row key={`${group.error_code}-${group.reason}`}>
                  <Table.Cell className="whitespace-normal py-3">
                    {errorText.message(group.error_code, group.reason)}
                  </Table.Cell>
                  <Table.Cell className="font-mono">
                    {group.error_code ?? "-"}
                  </Table.Cell>
                  <Table.Cell
                    className="text-ui-fg-subtle whitespace-normal py-3"
                    data-testid="group-fix-hint"
                  >
                    {errorText.hint(group.error_code, group.hint) ?? "-"}
                  </Table.Cell>
                  <Table.Cell className="text-end">
                    {!canExport && formatNumber(group.count)}
                    {canExport && (
                      <button
                        type="button"
                        onClick={() => void download(group.reason)}
                        className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover underline-offset-2 hover:underline"
                        title={t("run.downloadGroupTitle")}
                        aria-label={t("run.downloadGroup", {
                          n: formatNumber(group.count),
                          reason: errorText.message(
                            group.error_code,
                            group.reason
                          ),
                        })}
                      >
                        {formatNumber(group.count)}
                      </button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </Container>
    </div>
  )
}

export const handle = {
  breadcrumb: () => translate("run.title"),
}

export default SyncRunPage
