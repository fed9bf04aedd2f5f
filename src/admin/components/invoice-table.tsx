import { ArrowPath, DocumentText, Eye } from "@medusajs/icons"
import {
  createDataTableColumnHelper,
  createDataTableCommandHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableRowSelectionState,
  DataTableSortingState,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import {
  daysAgo,
  formatAmount,
  formatDate,
  INVOICE_TYPE_LABEL,
  INVOICE_TYPE_OPTIONS,
} from "../lib/format"
import { useInvoices, useSyncEnabled } from "../lib/hooks"
import type {
  Invoice,
  InvoiceListParams,
  InvoiceType,
  SyncStatus,
} from "../lib/types"
import { downloadPdfWithFeedback } from "./download-pdf-button"
import { SalesforceIdLink } from "./salesforce-id-link"
import { TableError } from "./states"
import { SyncStatusBadge } from "./sync-status-badge"
import { useInvoiceSync } from "./use-invoice-sync"
import { ListPagination } from "./list-pagination"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<Invoice>()
const filterHelper = createDataTableFilterHelper<Invoice>()
const commandHelper = createDataTableCommandHelper()

const filters = [
  filterHelper.accessor("type", {
    type: "radio",
    label: "Type",
    options: INVOICE_TYPE_OPTIONS,
  }),
  filterHelper.accessor("sync_status", {
    type: "radio",
    label: "Sync status",
    options: [
      { label: "Not synced", value: "not_synced" },
      { label: "Synced", value: "synced" },
      { label: "Failed", value: "failed" },
      { label: "Out of date", value: "outdated" },
    ],
  }),
  filterHelper.accessor("created_at", {
    type: "date",
    label: "Date",
    format: "date",
    options: [
      { label: "Today", value: { $gte: daysAgo(0) } },
      { label: "Last 7 days", value: { $gte: daysAgo(7) } },
      { label: "Last 30 days", value: { $gte: daysAgo(30) } },
      { label: "Last 90 days", value: { $gte: daysAgo(90) } },
    ],
  }),
]

type Props = {
  /** Only this order's documents (the order widget); it then shows them all, without search, filters or paging. */
  orderId?: string
  /** The left of the toolbar: the heading. */
  heading?: React.ReactNode
  /** The right of the toolbar, after the search: page actions. */
  actions?: React.ReactNode
  /** What the empty table says. */
  emptyState?: { heading: string; description: string }
}

/**
 * Invoices and credit notes with their Salesforce ID and sync state. With synchronization enabled, rows can be
 * selected for a bulk "Sync with Salesforce" and each row's menu has its own; disabled, those are not rendered.
 */
export const InvoiceTable = ({
  orderId,
  heading,
  actions,
  emptyState,
}: Props) => {
  const navigate = useNavigate()
  const syncEnabled = useSyncEnabled()
  const { syncOne, syncMany } = useInvoiceSync()
  const compact = !!orderId

  const [search, setSearch] = useState("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [sorting, setSorting] = useState<DataTableSortingState | null>(null)
  const [rowSelection, setRowSelection] = useState<DataTableRowSelectionState>(
    {}
  )

  const params = useMemo<InvoiceListParams>(() => {
    if (compact) {
      return { order_id: orderId, limit: 100, order: "created_at" }
    }
    const p: InvoiceListParams = {
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
      q: search || undefined,
      type: (filtering.type as InvoiceType | undefined) || undefined,
      sync_status:
        (filtering.sync_status as SyncStatus | undefined) || undefined,
      created_at:
        (filtering.created_at as InvoiceListParams["created_at"]) || undefined,
      order: sorting
        ? `${sorting.desc ? "-" : ""}${sorting.id}`
        : "-created_at",
    }
    return p
  }, [compact, orderId, pagination, search, filtering, sorting])

  const { data, isLoading, isError, error, refetch } = useInvoices(params)

  const columns = useMemo(
    () => [
      ...(syncEnabled ? [columnHelper.select()] : []),
      columnHelper.accessor("number", {
        header: "Number",
        enableSorting: !compact,
        sortLabel: "Number",
        cell: ({ row }) => (
          <Link
            to={`/invoices/${row.original.id}`}
            onClick={(e) => e.stopPropagation()}
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover font-medium"
          >
            {row.original.number}
          </Link>
        ),
      }),
      ...(compact
        ? []
        : [
            columnHelper.accessor("order_display_id", {
              header: "Order",
              cell: ({ row }) => (
                <Link
                  to={`/orders/${row.original.order_id}`}
                  onClick={(e) => e.stopPropagation()}
                  className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                >
                  #{row.original.order_display_id ?? row.original.order_id}
                </Link>
              ),
            }),
            columnHelper.accessor("customer_name", {
              header: "Customer",
              cell: ({ row }) =>
                row.original.customer_name ||
                row.original.customer_email ||
                "-",
            }),
          ]),
      columnHelper.accessor("type", {
        header: "Type",
        cell: ({ getValue }) => INVOICE_TYPE_LABEL[getValue()] ?? getValue(),
      }),
      // The order page's main column is narrow: its widget leaves the date out (the order has it).
      ...(compact
        ? []
        : [
            columnHelper.accessor("created_at", {
              header: "Date",
              enableSorting: !compact,
              sortLabel: "Date",
              sortAscLabel: "Oldest first",
              sortDescLabel: "Newest first",
              cell: ({ row }) =>
                formatDate(row.original.issued_at ?? row.original.created_at),
            }),
          ]),
      columnHelper.accessor("total", {
        header: "Total",
        align: "right",
        enableSorting: !compact,
        sortLabel: "Total",
        sortAscLabel: "Lowest first",
        sortDescLabel: "Highest first",
        cell: ({ row }) =>
          formatAmount(row.original.total, row.original.currency_code),
      }),
      columnHelper.accessor("salesforce_id", {
        header: "Salesforce ID",
        truncateTooltip: false,
        cell: ({ row }) => (
          <SalesforceIdLink
            id={row.original.salesforce_id}
            url={row.original.salesforce_url}
          />
        ),
      }),
      columnHelper.accessor("sync_status", {
        header: "Sync status",
        truncateTooltip: false,
        cell: ({ row }) => (
          <SyncStatusBadge
            status={row.original.sync_status}
            error={row.original.sync_error}
          />
        ),
      }),
      columnHelper.action({
        actions: ({ row }) => [
          [
            ...(syncEnabled
              ? [
                  {
                    label: "Sync with Salesforce",
                    icon: <ArrowPath />,
                    onClick: () => void syncOne(row.original.id),
                  },
                ]
              : []),
            {
              label: "View",
              icon: <Eye />,
              onClick: () => navigate(`/invoices/${row.original.id}`),
            },
            {
              label: "Download PDF",
              icon: <DocumentText />,
              onClick: () => void downloadPdfWithFeedback(row.original.id),
            },
          ],
        ],
      }),
    ],
    [syncEnabled, compact, navigate, syncOne]
  )

  const commands = useMemo(
    () =>
      syncEnabled
        ? [
            commandHelper.command({
              label: "Sync with Salesforce",
              shortcut: "s",
              action: async (selection) => {
                const ids = Object.keys(selection).filter((id) => selection[id])
                await syncMany(ids)
                setRowSelection({})
              },
            }),
          ]
        : [],
    [syncEnabled, syncMany]
  )

  const table = useDataTable({
    columns,
    data: data?.invoices ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    onRowClick: (_, row) => navigate(`/invoices/${row.id}`),
    commands,
    rowSelection: syncEnabled
      ? { state: rowSelection, onRowSelectionChange: setRowSelection }
      : undefined,
    ...(compact
      ? {}
      : {
          search: { state: search, onSearchChange: setSearch },
          pagination: { state: pagination, onPaginationChange: setPagination },
          filters,
          filtering: { state: filtering, onFilteringChange: setFiltering },
          sorting: { state: sorting, onSortingChange: setSorting },
        }),
  })

  if (isError) {
    return (
      <TableError
        heading={heading}
        actions={actions}
        error={error}
        what="the invoices"
        onRetry={() => void refetch()}
      />
    )
  }

  return (
    <DataTable instance={table}>
      <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
        {heading}
        <div className="flex items-center gap-x-2">
          {!compact && (
            <>
              <DataTable.FilterMenu tooltip="Filter" />
              <DataTable.SortingMenu tooltip="Sort" />
              <DataTable.Search placeholder="Search" />
            </>
          )}
          {actions}
        </div>
      </DataTable.Toolbar>
      <DataTable.Table
        emptyState={{
          empty: emptyState ?? {
            heading: "No invoices yet",
            description:
              "Invoices appear here when an order's payment is captured, or when you create one from an order.",
          },
          filtered: {
            heading: "No matching invoices",
            description: "Try another search or remove a filter.",
          },
        }}
      />
      {!compact && <ListPagination capped={data?.count_capped} />}
      {syncEnabled && (
        <DataTable.CommandBar selectedLabel={(count) => `${count} selected`} />
      )}
    </DataTable>
  )
}
