import {
  Badge,
  Button,
  Container,
  Heading,
  Input,
  Label,
  StatusBadge,
  Table,
  Text,
  toast,
} from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import {
  errorMessage,
  formatAmount,
  formatDate,
  formatNumber,
  INVOICE_TYPE_LABEL,
} from "../lib/format"
import {
  useBulkSyncInvoices,
  useReconciliation,
  useSyncEnabled,
} from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import type {
  DifferenceKind,
  DocumentDifference,
  ReconciledDay,
} from "../lib/types"
import { EmptyState, SectionError, SectionSkeleton } from "./states"

const MAX_DAYS = 92

const KIND: Record<
  DifferenceKind,
  { label: string; color: "red" | "orange" | "grey" | "purple" }
> = {
  missing_in_salesforce: {
    label: "reconciliation.kind.missing_in_salesforce",
    color: "red",
  },
  total_differs: {
    label: "reconciliation.kind.total_differs",
    color: "orange",
  },
  deleted_in_salesforce: {
    label: "reconciliation.kind.deleted_in_salesforce",
    color: "red",
  },
  unknown_to_medusa: {
    label: "reconciliation.kind.unknown_to_medusa",
    color: "grey",
  },
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10)
const daysBefore = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000))

function spanInDays(from: string, to: string) {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
}

const CountAndTotal = ({
  side,
  currency,
}: {
  side: { count: number; total: number }
  currency: string
}) => (
  <span className="tabular-nums">
    {formatNumber(side.count)} · {formatAmount(side.total, currency)}
  </span>
)

/**
 * Medusa against Salesforce per day and currency (counts and totals of invoices and credit notes), the documents
 * behind each day that differs, and "Resync these" for the ones Medusa can fix.
 */
export const ReconciliationPanel = () => {
  const { t } = usePluginTranslation()
  const syncEnabled = useSyncEnabled()
  const [draft, setDraft] = useState({
    from: daysBefore(29),
    to: daysBefore(0),
  })
  const [range, setRange] = useState(draft)
  const { data, isLoading, isFetching, isError, error, refetch } =
    useReconciliation(range)
  const bulkSync = useBulkSyncInvoices()

  const span = spanInDays(draft.from, draft.to)
  const draftProblem =
    !draft.from || !draft.to
      ? t("reconciliation.chooseDates")
      : span < 1
        ? t("reconciliation.endBeforeStart")
        : span > MAX_DAYS
          ? t("reconciliation.tooLong", {
              max: formatNumber(MAX_DAYS),
              span: formatNumber(span),
            })
          : null

  const fixable = (data?.documents ?? []).filter(
    (d): d is DocumentDifference & { invoice_id: string } =>
      d.fixable && !!d.invoice_id
  )
  const differing = (data?.days ?? []).filter((d) => d.status === "differ")

  const resync = async () => {
    try {
      const results = await bulkSync.mutateAsync({
        ids: [...new Set(fixable.map((d) => d.invoice_id))],
      })
      const failed = results.filter((r) => r.status === "failed").length
      if (failed) {
        toast.warning(
          t("reconciliation.resyncPartly", {
            synced: formatNumber(results.length - failed),
            failed: formatNumber(failed),
          })
        )
      } else {
        toast.success(
          t("reconciliation.resynced", { n: formatNumber(results.length) })
        )
      }
    } catch (e) {
      toast.error(t("reconciliation.resyncError"), {
        description: errorMessage(e),
      })
    } finally {
      void refetch()
    }
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="reconciliation">
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-y-4 px-6 py-4 md:flex-row md:items-end md:justify-between">
          <div>
            <Heading>{t("tabs.reconciliation")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("reconciliation.description")}
            </Text>
          </div>
          <form
            className="flex items-end gap-x-2"
            onSubmit={(e) => {
              e.preventDefault()
              if (!draftProblem) {
                if (draft.from === range.from && draft.to === range.to) {
                  void refetch()
                } else {
                  setRange(draft)
                }
              }
            }}
          >
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall" htmlFor="reconcile-from">
                {t("reconciliation.from")}
              </Label>
              <Input
                id="reconcile-from"
                size="small"
                type="date"
                value={draft.from}
                onChange={(e) => setDraft({ ...draft, from: e.target.value })}
              />
            </div>
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall" htmlFor="reconcile-to">
                {t("reconciliation.to")}
              </Label>
              <Input
                id="reconcile-to"
                size="small"
                type="date"
                value={draft.to}
                onChange={(e) => setDraft({ ...draft, to: e.target.value })}
              />
            </div>
            <Button
              size="small"
              variant="secondary"
              type="submit"
              disabled={!!draftProblem}
              isLoading={isFetching}
            >
              {t("reconciliation.submit")}
            </Button>
          </form>
        </div>
        {draftProblem && (
          <div className="px-6 py-3">
            <Text size="small" className="text-ui-fg-error">
              {draftProblem}
            </Text>
          </div>
        )}
        {isLoading ? (
          <SectionSkeleton rows={5} />
        ) : isError || !data ? (
          <SectionError
            error={error}
            what={t("what.reconciliation")}
            onRetry={() => void refetch()}
          />
        ) : data.days.length === 0 ? (
          <EmptyState
            title={t("reconciliation.emptyTitle")}
            description={t("reconciliation.emptyDescription")}
          />
        ) : (
          <>
            <div className="flex items-center gap-x-3 px-6 py-4">
              {differing.length === 0 ? (
                <StatusBadge color="green">
                  {t("reconciliation.allAgree")}
                </StatusBadge>
              ) : (
                <StatusBadge color="red">
                  {t("reconciliation.daysDiffer", {
                    n: formatNumber(differing.length),
                    total: formatNumber(data.days.length),
                  })}
                </StatusBadge>
              )}
              <Text size="small" className="text-ui-fg-subtle">
                {t("reconciliation.period", {
                  from: formatDate(data.from),
                  to: formatDate(data.to),
                  queries: formatNumber(data.salesforce_queries),
                })}
              </Text>
            </div>
            <DaysTable days={data.days} />
          </>
        )}
      </Container>

      {data && data.documents.length > 0 && (
        <Container
          className="divide-y p-0"
          data-testid="reconciliation-documents"
        >
          <div className="flex items-center justify-between gap-x-6 px-6 py-4">
            <div>
              <Heading level="h2">{t("reconciliation.documentsTitle")}</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                {t("reconciliation.documentsDescription")}
              </Text>
            </div>
            {syncEnabled && fixable.length > 0 && (
              <Button
                size="small"
                variant="secondary"
                className="shrink-0 whitespace-nowrap"
                isLoading={bulkSync.isPending}
                onClick={() => void resync()}
              >
                {t("reconciliation.resync", {
                  n: formatNumber(fixable.length),
                })}
              </Button>
            )}
          </div>
          <DocumentsTable documents={data.documents} />
        </Container>
      )}
    </div>
  )
}

const DaysTable = ({ days }: { days: ReconciledDay[] }) => {
  const { t } = usePluginTranslation()
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("columns.date")}</Table.HeaderCell>
          <Table.HeaderCell>{t("reconciliation.currency")}</Table.HeaderCell>
          <Table.HeaderCell className="text-end">
            {t("reconciliation.invoicesInMedusa")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-end">
            {t("reconciliation.invoicesInSalesforce")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-end">
            {t("reconciliation.creditNotesInMedusa")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-end">
            {t("reconciliation.creditNotesInSalesforce")}
          </Table.HeaderCell>
          <Table.HeaderCell>{t("columns.status")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {days.map((day) => (
          <Table.Row
            key={`${day.date}-${day.currency}`}
            data-testid="reconciliation-day"
            data-status={day.status}
          >
            <Table.Cell>{formatDate(day.date)}</Table.Cell>
            <Table.Cell>{day.currency}</Table.Cell>
            <Table.Cell className="text-end">
              <CountAndTotal
                side={day.medusa.invoices}
                currency={day.currency}
              />
            </Table.Cell>
            <Table.Cell className="text-end">
              <CountAndTotal
                side={day.salesforce.invoices}
                currency={day.currency}
              />
            </Table.Cell>
            <Table.Cell className="text-end">
              <CountAndTotal
                side={day.medusa.credit_notes}
                currency={day.currency}
              />
            </Table.Cell>
            <Table.Cell className="text-end">
              <CountAndTotal
                side={day.salesforce.credit_notes}
                currency={day.currency}
              />
            </Table.Cell>
            <Table.Cell>
              <StatusBadge color={day.status === "agree" ? "green" : "red"}>
                {t(
                  day.status === "agree"
                    ? "reconciliation.agree"
                    : "reconciliation.differ"
                )}
              </StatusBadge>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

const DocumentsTable = ({ documents }: { documents: DocumentDifference[] }) => {
  const { t } = usePluginTranslation()
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("reconciliation.document")}</Table.HeaderCell>
          <Table.HeaderCell>{t("columns.date")}</Table.HeaderCell>
          <Table.HeaderCell>{t("reconciliation.difference")}</Table.HeaderCell>
          <Table.HeaderCell className="text-end">
            {t("reconciliation.inMedusa")}
          </Table.HeaderCell>
          <Table.HeaderCell className="text-end">
            {t("reconciliation.inSalesforce")}
          </Table.HeaderCell>
          <Table.HeaderCell>{t("columns.salesforceId")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {documents.map((doc) => (
          <Table.Row
            key={`${doc.kind}-${doc.invoice_id ?? doc.salesforce_id}`}
            data-testid="reconciliation-document"
            data-kind={doc.kind}
          >
            <Table.Cell>
              <div className="flex flex-col py-2">
                {doc.invoice_id ? (
                  <Link
                    to={`/invoices/${doc.invoice_id}`}
                    className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover font-medium"
                  >
                    {doc.number}
                  </Link>
                ) : (
                  <span className="font-medium">{doc.number ?? "-"}</span>
                )}
                <span className="text-ui-fg-subtle txt-compact-xsmall">
                  {t(
                    doc.document_type
                      ? INVOICE_TYPE_LABEL[doc.document_type]
                      : "reconciliation.unknownType"
                  )}
                </span>
              </div>
            </Table.Cell>
            <Table.Cell>{formatDate(doc.date)}</Table.Cell>
            <Table.Cell>
              <div className="flex items-center gap-x-2">
                <Badge size="2xsmall" color={KIND[doc.kind].color}>
                  {t(KIND[doc.kind].label)}
                </Badge>
                {doc.kind === "deleted_in_salesforce" && (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {t(
                      doc.in_recycle_bin
                        ? "reconciliation.inRecycleBin"
                        : "reconciliation.purged"
                    )}
                  </Text>
                )}
              </div>
            </Table.Cell>
            <Table.Cell className="text-end">
              {formatAmount(doc.medusa_total, doc.currency)}
            </Table.Cell>
            <Table.Cell className="text-end">
              {formatAmount(doc.salesforce_total, doc.currency)}
            </Table.Cell>
            <Table.Cell className="font-mono txt-compact-xsmall">
              {doc.salesforce_id ?? "-"}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
