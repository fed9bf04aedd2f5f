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
  formatNumber,
  INVOICE_TYPE_LABEL,
  invoiceTypeOptions,
} from "../lib/format"
import { useInvoices, useSyncEnabled } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import type {
  Invoice,
  InvoiceListParams,
  InvoiceType,
  SyncStatus,
} from "../lib/types"
import { downloadPdfWithFeedback } from "./download-pdf-button"
import { SalesforceIdLink } from "./salesforce-id-link"
import {
  RowActionsMenu,
  SelectAllCheckbox,
  SelectRowCheckbox,
} from "./table-cells"
import { TableError } from "./states"
import { SYNC_STATUS_BADGE, SyncStatusBadge } from "./sync-status-badge"
import { useInvoiceSync } from "./use-invoice-sync"
import { ListPagination } from "./list-pagination"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<Invoice>()
const filterHelper = createDataTableFilterHelper<Invoice>()
const commandHelper = createDataTableCommandHelper()

const makeFilters = (t: (key: string) => string) => [
  filterHelper.accessor("type", {
    type: "radio",
    label: t("columns.type"),
    options: invoiceTypeOptions(t),
  }),
  filterHelper.accessor("sync_status", {
    type: "radio",
    label: t("columns.syncStatus"),
    options: (
      Object.keys(SYNC_STATUS_BADGE) as (keyof typeof SYNC_STATUS_BADGE)[]
    ).map((value) => ({ label: t(SYNC_STATUS_BADGE[value].label), value })),
  }),
  filterHelper.accessor("created_at", {
    type: "date",
    label: t("columns.date"),
    format: "date",
    options: [
      { label: t("dates.today"), value: { $gte: daysAgo(0) } },
      { label: t("dates.last7"), value: { $gte: daysAgo(7) } },
      { label: t("dates.last30"), value: { $gte: daysAgo(30) } },
      { label: t("dates.last90"), value: { $gte: daysAgo(90) } },
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
  const { t } = usePluginTranslation()
  const navigate = useNavigate()
  const syncEnabled = useSyncEnabled()
  const { syncOne, syncMany } = useInvoiceSync()
  const compact = !!orderId
  const filters = useMemo(() => makeFilters(t), [t])

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
      ...(syncEnabled
        ? [
            columnHelper.select({
              header: ({ table }) => (
                <SelectAllCheckbox table={table} label={t("grid.selectAll")} />
              ),
              cell: ({ row }) => (
                <SelectRowCheckbox
                  row={row}
                  label={t("grid.selectRow", { number: row.original.number })}
                />
              ),
            }),
          ]
        : []),
      columnHelper.accessor("number", {
        header: t("columns.number"),
        enableSorting: !compact,
        sortLabel: t("columns.number"),
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
              header: t("columns.order"),
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
              header: t("columns.customer"),
              cell: ({ row }) =>
                row.original.customer_name ||
                row.original.customer_email ||
                "-",
            }),
          ]),
      columnHelper.accessor("type", {
        header: t("columns.type"),
        cell: ({ getValue }) =>
          INVOICE_TYPE_LABEL[getValue()]
            ? t(INVOICE_TYPE_LABEL[getValue()])
            : getValue(),
      }),
      // The order page's main column is narrow: its widget leaves the date out (the order has it).
      ...(compact
        ? []
        : [
            columnHelper.accessor("created_at", {
              header: t("columns.date"),
              enableSorting: !compact,
              sortLabel: t("columns.date"),
              sortAscLabel: t("sort.oldestFirst"),
              sortDescLabel: t("sort.newestFirst"),
              cell: ({ row }) =>
                formatDate(row.original.issued_at ?? row.original.created_at),
            }),
          ]),
      columnHelper.accessor("total", {
        header: t("columns.total"),
        align: "right",
        enableSorting: !compact,
        sortLabel: t("columns.total"),
        sortAscLabel: t("sort.lowestFirst"),
        sortDescLabel: t("sort.highestFirst"),
        cell: ({ row }) =>
          formatAmount(row.original.total, row.original.currency_code),
      }),
      columnHelper.accessor("salesforce_id", {
        header: t("columns.salesforceId"),
        truncateTooltip: false,
        cell: ({ row }) => (
          <SalesforceIdLink
            id={row.original.salesforce_id}
            url={row.original.salesforce_url}
          />
        ),
      }),
      columnHelper.accessor("sync_status", {
        header: t("columns.syncStatus"),
        truncateTooltip: false,
        cell: ({ row }) => (
          <SyncStatusBadge
            status={row.original.sync_status}
            error={row.original.sync_error}
          />
        ),
      }),
      columnHelper.display({
        id: "action",
        cell: ({ row }) => (
          <RowActionsMenu
            label={t("grid.rowActions", { number: row.original.number })}
            actions={[
              ...(syncEnabled
                ? [
                    {
                      label: t("actions.syncWithSalesforce"),
                      icon: <ArrowPath />,
                      onClick: () => void syncOne(row.original.id),
                    },
                  ]
                : []),
              {
                label: t("actions.view"),
                icon: <Eye />,
                onClick: () => navigate(`/invoices/${row.original.id}`),
              },
              {
                label: t("pdf.download"),
                icon: <DocumentText />,
                onClick: () => void downloadPdfWithFeedback(row.original.id),
              },
            ]}
          />
        ),
      }),
    ],
    [syncEnabled, compact, navigate, syncOne, t]
  )

  const commands = useMemo(
    () =>
      syncEnabled
        ? [
            commandHelper.command({
              label: t("actions.syncWithSalesforce"),
              shortcut: "s",
              action: async (selection) => {
                const ids = Object.keys(selection).filter((id) => selection[id])
                await syncMany(ids)
                setRowSelection({})
              },
            }),
          ]
        : [],
    [syncEnabled, syncMany, t]
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
        what={t("what.invoices")}
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
              <DataTable.FilterMenu tooltip={t("toolbar.filter")} />
              <DataTable.SortingMenu tooltip={t("toolbar.sort")} />
              <DataTable.Search placeholder={t("toolbar.search")} />
            </>
          )}
          {actions}
        </div>
      </DataTable.Toolbar>
      <DataTable.Table
        emptyState={{
          empty: emptyState ?? {
            heading: t("grid.emptyHeading"),
            description: t("grid.emptyDescription"),
          },
          filtered: {
            heading: t("grid.noMatchHeading"),
            description: t("common.noMatchDescription"),
          },
        }}
      />
      {!compact && <ListPagination capped={data?.count_capped} />}
      {syncEnabled && (
        <DataTable.CommandBar
          selectedLabel={(count) =>
            t("grid.selected", { n: formatNumber(count) })
          }
        />
      )}
    </DataTable>
  )
}
