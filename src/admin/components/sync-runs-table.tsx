import {
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  StatusBadge,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { formatDateTime, formatNumber, TRIGGER_LABEL } from "../lib/format"
import { useSyncRuns } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import type { SyncRun } from "../lib/types"
import { ListPagination } from "./list-pagination"
import { TableError } from "./states"
import { UserLabel } from "./user-label"

const columnHelper = createDataTableColumnHelper<SyncRun>()

export const RunStatusBadge = ({
  run,
}: {
  run: Pick<SyncRun, "status" | "failed" | "finished_at">
}) => {
  const { t } = usePluginTranslation()
  if (!run.finished_at && run.status === "interrupted") {
    // A worker died holding part of it; the rest is being sent again.
    return (
      <StatusBadge color="orange">
        {t("runStatus.interruptedResuming")}
      </StatusBadge>
    )
  }
  if (
    !run.finished_at &&
    run.status !== "completed" &&
    run.status !== "failed"
  ) {
    return <StatusBadge color="blue">{t("runStatus.running")}</StatusBadge>
  }
  if (run.status === "interrupted") {
    return (
      <StatusBadge color="orange">
        {t("runStatus.interruptedCompleted")}
      </StatusBadge>
    )
  }
  if (run.status === "failed") {
    return <StatusBadge color="red">{t("runStatus.failed")}</StatusBadge>
  }
  return run.failed > 0 ? (
    <StatusBadge color="orange">{t("runStatus.withFailures")}</StatusBadge>
  ) : (
    <StatusBadge color="green">{t("runStatus.completed")}</StatusBadge>
  )
}

const makeColumns = (t: (key: string) => string) => [
  columnHelper.accessor("created_at", {
    header: t("columns.date"),
    // A link as well as the row's click: the keyboard reaches a run through it.
    cell: ({ row, getValue }) => (
      <Link
        to={`/invoices/sync-log/runs/${row.original.id}`}
        onClick={(e) => e.stopPropagation()}
        className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
      >
        {formatDateTime(getValue())}
      </Link>
    ),
  }),
  columnHelper.accessor("trigger", {
    header: t("columns.trigger"),
    cell: ({ getValue }) =>
      TRIGGER_LABEL[getValue()] ? t(TRIGGER_LABEL[getValue()]) : getValue(),
  }),
  columnHelper.accessor("started_by", {
    header: t("columns.startedBy"),
    cell: ({ getValue }) => <UserLabel id={getValue()} />,
  }),
  columnHelper.accessor("total", {
    header: t("columns.records"),
    align: "right",
    cell: ({ getValue }) => formatNumber(getValue()),
  }),
  columnHelper.accessor("synced", {
    header: t("columns.synced"),
    align: "right",
    cell: ({ getValue }) => formatNumber(getValue()),
  }),
  columnHelper.accessor("failed", {
    header: t("columns.failed"),
    align: "right",
    cell: ({ getValue }) => (
      <span
        className={getValue() > 0 ? "text-ui-fg-error font-medium" : undefined}
      >
        {formatNumber(getValue())}
      </span>
    ),
  }),
  columnHelper.accessor("skipped", {
    header: t("columns.skipped"),
    align: "right",
    cell: ({ getValue }) => formatNumber(getValue() ?? 0),
  }),
  columnHelper.accessor("status", {
    header: t("columns.status"),
    truncateTooltip: false,
    cell: ({ row }) => <RunStatusBadge run={row.original} />,
  }),
]

/** Seed 002's sync overview: every run with its counts; a row opens the run. */
export const SyncRunsTable = ({ heading }: { heading: React.ReactNode }) => {
  const { t } = usePluginTranslation()
  const columns = useMemo(() => makeColumns(t), [t])
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: 20,
  })
  const { data, isLoading, isError, error, refetch } = useSyncRuns({
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  })

  const table = useDataTable({
    columns,
    data: data?.runs ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/invoices/sync-log/runs/${row.id}`),
  })

  if (isError) {
    return (
      <TableError
        heading={heading}
        error={error}
        what={t("what.syncRuns")}
        onRetry={() => void refetch()}
      />
    )
  }

  return (
    <DataTable instance={table}>
      <DataTable.Toolbar>{heading}</DataTable.Toolbar>
      <DataTable.Table
        emptyState={{
          empty: {
            heading: t("runs.emptyHeading"),
            description: t("runs.emptyDescription"),
          },
        }}
      />
      <ListPagination />
    </DataTable>
  )
}
