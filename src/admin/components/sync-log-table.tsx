import { ArrowPath, DocumentText, Eye } from "@medusajs/icons"
import {
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  IconButton,
  Tooltip,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import {
  daysAgo,
  formatAmount,
  formatDateTime,
  INVOICE_TYPE_LABEL,
  invoiceTypeOptions,
  TRIGGER_LABEL,
  truncate,
} from "../lib/format"
import { useSyncEnabled, useSyncLog } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import type {
  InvoiceType,
  SyncAttempt,
  SyncLogParams,
  SyncTrigger,
} from "../lib/types"
import { AttemptDrawer } from "./attempt-drawer"
import { useErrorText } from "./error-text"
import { TableError } from "./states"
import { AttemptStatusBadge } from "./sync-status-badge"
import { useInvoiceSync } from "./use-invoice-sync"
import { ListPagination } from "./list-pagination"

const PAGE_SIZE = 20
/** Seed 000: longer failure reasons are cut here, with the full text on hover. */
const REASON_LENGTH = 40

const columnHelper = createDataTableColumnHelper<SyncAttempt>()
const filterHelper = createDataTableFilterHelper<SyncAttempt>()

const makeFilters = (t: (key: string) => string) => [
  filterHelper.accessor("status", {
    type: "radio",
    label: t("columns.status"),
    options: [
      { label: t("attemptStatus.synced"), value: "synced" },
      { label: t("attemptStatus.failed"), value: "failed" },
    ],
  }),
  filterHelper.accessor("document_type", {
    type: "radio",
    label: t("columns.type"),
    options: invoiceTypeOptions(t),
  }),
  filterHelper.accessor("trigger", {
    type: "radio",
    label: t("columns.trigger"),
    options: (Object.entries(TRIGGER_LABEL) as [SyncTrigger, string][]).map(
      ([value, key]) => ({ label: t(key), value })
    ),
  }),
  filterHelper.accessor("created_at", {
    type: "date",
    label: t("columns.syncDate"),
    format: "date",
    options: [
      { label: t("dates.today"), value: { $gte: daysAgo(0) } },
      { label: t("dates.last7"), value: { $gte: daysAgo(7) } },
      { label: t("dates.last30"), value: { $gte: daysAgo(30) } },
    ],
  }),
]

/** The invoice sync log (seed 000): one row per document, its successful attempt once there is one. */
export const SyncLogTable = ({
  heading,
  actions,
}: {
  heading: React.ReactNode
  actions?: React.ReactNode
}) => {
  const { t } = usePluginTranslation()
  const errorText = useErrorText()
  const filters = useMemo(() => makeFilters(t), [t])
  const navigate = useNavigate()
  const syncEnabled = useSyncEnabled()
  const { syncOne } = useInvoiceSync()
  const [retrying, setRetrying] = useState<string | null>(null)
  const [viewing, setViewing] = useState<string | null>(null)

  const [search, setSearch] = useState("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})

  const params = useMemo<SyncLogParams>(
    () => ({
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
      q: search || undefined,
      status: (filtering.status as SyncLogParams["status"]) || undefined,
      type: (filtering.document_type as InvoiceType | undefined) || undefined,
      trigger: (filtering.trigger as SyncTrigger | undefined) || undefined,
      created_at:
        (filtering.created_at as SyncLogParams["created_at"]) || undefined,
    }),
    [pagination, search, filtering]
  )
  const { data, isLoading, isError, error, refetch } = useSyncLog(params)

  const retry = async (attempt: SyncAttempt) => {
    setRetrying(attempt.id)
    try {
      await syncOne(attempt.invoice_id, "retry")
    } finally {
      setRetrying(null)
    }
  }

  const columns = useMemo(
    () => [
      columnHelper.accessor("invoice_number", {
        header: t("columns.invoiceNumber"),
        truncateTooltip: false,
        cell: ({ row }) => (
          <div className="flex flex-col py-2">
            <Link
              to={`/invoices/${row.original.invoice_id}`}
              className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover font-medium"
            >
              {row.original.invoice_number}
            </Link>
            {row.original.order_id && (
              <Link
                to={`/orders/${row.original.order_id}`}
                className="text-ui-fg-subtle hover:text-ui-fg-base txt-compact-xsmall"
              >
                {t("log.orderRef", {
                  order: row.original.order_display_id ?? row.original.order_id,
                })}
              </Link>
            )}
          </div>
        ),
      }),
      columnHelper.accessor("document_type", {
        header: t("columns.invoiceType"),
        cell: ({ getValue }) =>
          INVOICE_TYPE_LABEL[getValue()]
            ? t(INVOICE_TYPE_LABEL[getValue()])
            : getValue(),
      }),
      columnHelper.accessor("created_at", {
        header: t("columns.syncDate"),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      columnHelper.accessor("amount", {
        header: t("columns.amount"),
        align: "right",
        cell: ({ row }) =>
          formatAmount(row.original.amount, row.original.currency_code),
      }),
      columnHelper.accessor("error_message", {
        header: t("columns.failureReason"),
        truncateTooltip: false,
        cell: ({ row }) => {
          const reason =
            row.original.status === "failed"
              ? (errorText.message(
                  row.original.error_code,
                  row.original.error_message
                ) ?? row.original.error_code)
              : null
          if (!reason) {
            return <span className="text-ui-fg-muted">-</span>
          }
          const text =
            reason.length <= REASON_LENGTH ? (
              <span data-testid="failure-reason">{reason}</span>
            ) : (
              <Tooltip content={reason} maxWidth={400}>
                <span data-testid="failure-reason" className="cursor-default">
                  {truncate(reason, REASON_LENGTH)}
                </span>
              </Tooltip>
            )
          const hint = errorText.hint(
            row.original.error_code,
            row.original.hint
          )
          return (
            <div className="flex flex-col py-2">
              {text}
              {hint && (
                <Tooltip content={hint} maxWidth={400}>
                  <span
                    data-testid="fix-hint"
                    className="text-ui-fg-subtle txt-compact-xsmall cursor-default"
                  >
                    {t("log.howToFix", { hint: truncate(hint, REASON_LENGTH) })}
                  </span>
                </Tooltip>
              )}
            </div>
          )
        },
      }),
      columnHelper.accessor("status", {
        header: t("columns.status"),
        truncateTooltip: false,
        cell: ({ getValue }) => <AttemptStatusBadge status={getValue()} />,
      }),
      columnHelper.display({
        id: "actions",
        size: 128,
        cell: ({ row }) => (
          <div className="flex items-center justify-end gap-x-1">
            {syncEnabled && row.original.status === "failed" && (
              <Tooltip content={t("log.retry")}>
                <IconButton
                  size="small"
                  variant="transparent"
                  aria-label={t("log.retry")}
                  isLoading={retrying === row.original.id}
                  onClick={() => void retry(row.original)}
                >
                  <ArrowPath />
                </IconButton>
              </Tooltip>
            )}
            <Tooltip content={t("log.whatWasSent")}>
              <IconButton
                size="small"
                variant="transparent"
                aria-label={t("log.viewAttempt")}
                onClick={() => setViewing(row.original.id)}
              >
                <DocumentText />
              </IconButton>
            </Tooltip>
            <Tooltip content={t("log.viewInvoice")}>
              <IconButton
                size="small"
                variant="transparent"
                aria-label={t("log.viewInvoice")}
                onClick={() => navigate(`/invoices/${row.original.invoice_id}`)}
              >
                <Eye />
              </IconButton>
            </Tooltip>
          </div>
        ),
      }),
    ],
    // retry is recreated with syncOne on each render; the columns follow (cheap for 20 rows).
    [syncEnabled, retrying, navigate, syncOne, t, errorText]
  )

  const table = useDataTable({
    columns,
    data: data?.attempts ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    search: { state: search, onSearchChange: setSearch },
    pagination: { state: pagination, onPaginationChange: setPagination },
    filters,
    filtering: { state: filtering, onFilteringChange: setFiltering },
  })

  if (isError) {
    return (
      <TableError
        heading={heading}
        actions={actions}
        error={error}
        what={t("what.syncLog")}
        onRetry={() => void refetch()}
      />
    )
  }

  return (
    <DataTable instance={table}>
      <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
        {heading}
        <div className="flex items-center gap-x-2">
          <DataTable.FilterMenu tooltip={t("toolbar.filter")} />
          <DataTable.Search placeholder={t("log.searchPlaceholder")} />
          {actions}
        </div>
      </DataTable.Toolbar>
      <DataTable.Table
        emptyState={{
          empty: {
            heading: t("log.emptyHeading"),
            description: syncEnabled
              ? t("log.emptyDescription")
              : t("log.emptyDescriptionDisabled"),
          },
          filtered: {
            heading: t("log.noMatchHeading"),
            description: t("common.noMatchDescription"),
          },
        }}
      />
      <ListPagination capped={data?.count_capped} />
      <AttemptDrawer id={viewing} onClose={() => setViewing(null)} />
    </DataTable>
  )
}
