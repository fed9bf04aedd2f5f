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
import {
  errorMessage,
  formatDateTime,
  TRIGGER_LABEL,
} from "../../../../../lib/format"
import { downloadFailedRecordsCsv, useSyncRun } from "../../../../../lib/hooks"
import { usePermissions } from "../../../../../lib/permissions"

/** One sync run (seed 002): its counts, and its failures grouped by reason, each downloadable as CSV. */
const SyncRunPage = () => {
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
          what="this sync run"
          onRetry={() => void refetch()}
        />
      </Container>
    )
  }

  const download = (reason?: string) =>
    downloadFailedRecordsCsv({ run_id: run.id, reason }).catch((e) =>
      toast.error("Could not download the failed records", {
        description: errorMessage(e),
      })
    )

  const counts: [string, number][] = [
    ["Records", run.total],
    ["Synced", run.synced],
    ["Failed", run.failed],
    ["Skipped", run.skipped ?? 0],
  ]

  return (
    <div className="flex flex-col gap-y-3">
      <SyncPausedBanner pause={run.paused} />
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>Sync run</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {TRIGGER_LABEL[run.trigger] ?? run.trigger} sync started{" "}
              {formatDateTime(run.created_at)}
              {run.started_by && (
                <>
                  {" by "}
                  <UserLabel id={run.started_by} />
                </>
              )}
            </Text>
          </div>
          <div className="flex items-center gap-x-3">
            <RunStatusBadge run={run} />
            <Button size="small" variant="secondary" asChild>
              <Link to="/invoices/sync-log?tab=runs">All runs</Link>
            </Button>
          </div>
        </div>
        <div className="grid grid-cols-2 divide-x md:grid-cols-4">
          {counts.map(([label, value]) => (
            <div key={label} className="flex flex-col gap-y-1 px-6 py-4">
              <Text size="small" className="text-ui-fg-subtle">
                {label}
              </Text>
              {label === "Failed" && value > 0 && canExport ? (
                <button
                  type="button"
                  onClick={() => void download()}
                  className="text-ui-fg-error txt-compact-xlarge-plus w-fit text-left underline-offset-2 hover:underline"
                  title="Download the failed records as CSV"
                  data-testid="failed-count"
                >
                  {value}
                </button>
              ) : (
                <Text size="xlarge" weight="plus" leading="compact">
                  {value}
                </Text>
              )}
            </div>
          ))}
        </div>
        <div className="text-ui-fg-subtle flex items-center justify-between px-6 py-4">
          <Text size="small">Finished</Text>
          <Text size="small">
            {run.finished_at
              ? formatDateTime(run.finished_at)
              : "Still running"}
          </Text>
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h2">Failures by reason</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Click a count to download that reason's records as CSV.
            </Text>
          </div>
          {run.failed > 0 && (
            <DownloadFailedButton
              runId={run.id}
              label="Download all failed records"
            />
          )}
        </div>
        {run.failures_by_reason.length === 0 ? (
          <EmptyState
            title="No failures"
            description="Every record of this run reached Salesforce."
          />
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Failure reason</Table.HeaderCell>
                <Table.HeaderCell>Salesforce code</Table.HeaderCell>
                <Table.HeaderCell>How to fix</Table.HeaderCell>
                <Table.HeaderCell className="text-right">
                  Records
                </Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {run.failures_by_reason.map((group) => (
                <Table.Row key={`${group.error_code}-${group.reason}`}>
                  <Table.Cell className="whitespace-normal py-3">
                    {group.reason}
                  </Table.Cell>
                  <Table.Cell className="font-mono">
                    {group.error_code ?? "-"}
                  </Table.Cell>
                  <Table.Cell
                    className="text-ui-fg-subtle whitespace-normal py-3"
                    data-testid="group-fix-hint"
                  >
                    {group.hint ?? "-"}
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {!canExport && group.count}
                    {canExport && (
                      <button
                        type="button"
                        onClick={() => void download(group.reason)}
                        className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover underline-offset-2 hover:underline"
                        title="Download these records as CSV"
                        aria-label={`Download ${group.count} records failed with: ${group.reason}`}
                      >
                        {group.count}
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
  breadcrumb: () => "Sync run",
}

export default SyncRunPage
