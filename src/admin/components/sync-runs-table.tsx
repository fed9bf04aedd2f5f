import {
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  StatusBadge,
  useDataTable,
} from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { formatDateTime, TRIGGER_LABEL } from "../lib/format"
import { useSyncRuns } from "../lib/hooks"
import type { SyncRun } from "../lib/types"
import { TableError } from "./states"
import { UserLabel } from "./user-label"

const columnHelper = createDataTableColumnHelper<SyncRun>()

export const RunStatusBadge = ({
  run,
}: {
  run: Pick<SyncRun, "status" | "failed" | "finished_at">
}) => {
  if (!run.finished_at && run.status === "interrupted") {
    // A worker died holding part of it; the rest is being sent again.
    return <StatusBadge color="orange">Interrupted, resuming</StatusBadge>
  }
  if (
    !run.finished_at &&
    run.status !== "completed" &&
    run.status !== "failed"
  ) {
    return <StatusBadge color="blue">Running</StatusBadge>
  }
  if (run.status === "interrupted") {
    return <StatusBadge color="orange">Interrupted, completed</StatusBadge>
  }
  if (run.status === "failed") {
    return <StatusBadge color="red">Failed</StatusBadge>
  }
  return run.failed > 0 ? (
    <StatusBadge color="orange">With failures</StatusBadge>
  ) : (
    <StatusBadge color="green">Completed</StatusBadge>
  )
}

const columns = [
  columnHelper.accessor("created_at", {
    header: "Date",
    cell: ({ getValue }) => formatDateTime(getValue()),
  }),
  columnHelper.accessor("trigger", {
    header: "Trigger",
    cell: ({ getValue }) => TRIGGER_LABEL[getValue()] ?? getValue(),
  }),
  columnHelper.accessor("started_by", {
    header: "Started by",
    cell: ({ getValue }) => <UserLabel id={getValue()} />,
  }),
  columnHelper.accessor("total", { header: "Records", align: "right" }),
  columnHelper.accessor("synced", { header: "Synced", align: "right" }),
  columnHelper.accessor("failed", {
    header: "Failed",
    align: "right",
    cell: ({ getValue }) => (
      <span
        className={getValue() > 0 ? "text-ui-fg-error font-medium" : undefined}
      >
        {getValue()}
      </span>
    ),
  }),
  columnHelper.accessor("skipped", {
    header: "Skipped",
    align: "right",
    cell: ({ getValue }) => getValue() ?? 0,
  }),
  columnHelper.accessor("status", {
    header: "Status",
    truncateTooltip: false,
    cell: ({ row }) => <RunStatusBadge run={row.original} />,
  }),
]

/** Seed 002's sync overview: every run with its counts; a row opens the run. */
export const SyncRunsTable = ({ heading }: { heading: React.ReactNode }) => {
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
        what="the sync runs"
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
            heading: "No sync runs yet",
            description:
              "Each sync (automatic, bulk, by order number, retry or catch-up) is recorded here with its counts.",
          },
        }}
      />
      <DataTable.Pagination />
    </DataTable>
  )
}
