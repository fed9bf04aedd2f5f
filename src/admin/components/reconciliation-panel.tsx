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
  INVOICE_TYPE_LABEL,
} from "../lib/format"
import {
  useBulkSyncInvoices,
  useReconciliation,
  useSyncEnabled,
} from "../lib/hooks"
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
  missing_in_salesforce: { label: "Missing in Salesforce", color: "red" },
  total_differs: { label: "Total differs", color: "orange" },
  deleted_in_salesforce: { label: "Deleted in Salesforce", color: "red" },
  unknown_to_medusa: { label: "Not in Medusa", color: "grey" },
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
    {side.count} · {formatAmount(side.total, currency)}
  </span>
)

/**
 * Medusa against Salesforce per day and currency (counts and totals of invoices and credit notes), the documents
 * behind each day that differs, and "Resync these" for the ones Medusa can fix.
 */
export const ReconciliationPanel = () => {
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
      ? "Choose both dates."
      : span < 1
        ? "The end date is before the start date."
        : span > MAX_DAYS
          ? `At most ${MAX_DAYS} days at a time (this is ${span}).`
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
          `${results.length - failed} resynced, ${failed} failed: see the sync log`
        )
      } else {
        toast.success(`${results.length} document(s) resynced`)
      }
    } catch (e) {
      toast.error("Could not resync", { description: errorMessage(e) })
    } finally {
      void refetch()
    }
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="reconciliation">
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-y-4 px-6 py-4 md:flex-row md:items-end md:justify-between">
          <div>
            <Heading>Reconciliation</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Counts and totals of invoices and credit notes per day, in Medusa
              and in Salesforce. Days that differ list the documents that
              explain it.
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
                From
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
                To
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
              Reconcile
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
            what="the reconciliation"
            onRetry={() => void refetch()}
          />
        ) : data.days.length === 0 ? (
          <EmptyState
            title="Nothing to compare"
            description="Neither Medusa nor Salesforce has invoices or credit notes in this period."
          />
        ) : (
          <>
            <div className="flex items-center gap-x-3 px-6 py-4">
              {differing.length === 0 ? (
                <StatusBadge color="green">All days agree</StatusBadge>
              ) : (
                <StatusBadge color="red">
                  {differing.length} of {data.days.length} day(s) differ
                </StatusBadge>
              )}
              <Text size="small" className="text-ui-fg-subtle">
                {formatDate(data.from)} – {formatDate(data.to)} · read with{" "}
                {data.salesforce_queries} Salesforce quer
                {data.salesforce_queries === 1 ? "y" : "ies"}
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
          <div className="flex items-center justify-between px-6 py-4">
            <div>
              <Heading level="h2">Documents that differ</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                Resync sends Medusa's version again: it creates what is missing
                or deleted and corrects what differs. Records Medusa does not
                know are for you to check in Salesforce.
              </Text>
            </div>
            {syncEnabled && fixable.length > 0 && (
              <Button
                size="small"
                variant="secondary"
                isLoading={bulkSync.isPending}
                onClick={() => void resync()}
              >
                Resync these ({fixable.length})
              </Button>
            )}
          </div>
          <DocumentsTable documents={data.documents} />
        </Container>
      )}
    </div>
  )
}

const DaysTable = ({ days }: { days: ReconciledDay[] }) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Date</Table.HeaderCell>
        <Table.HeaderCell>Currency</Table.HeaderCell>
        <Table.HeaderCell className="text-right">
          Invoices in Medusa
        </Table.HeaderCell>
        <Table.HeaderCell className="text-right">
          Invoices in Salesforce
        </Table.HeaderCell>
        <Table.HeaderCell className="text-right">
          Credit notes in Medusa
        </Table.HeaderCell>
        <Table.HeaderCell className="text-right">
          Credit notes in Salesforce
        </Table.HeaderCell>
        <Table.HeaderCell>Status</Table.HeaderCell>
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
          <Table.Cell className="text-right">
            <CountAndTotal side={day.medusa.invoices} currency={day.currency} />
          </Table.Cell>
          <Table.Cell className="text-right">
            <CountAndTotal
              side={day.salesforce.invoices}
              currency={day.currency}
            />
          </Table.Cell>
          <Table.Cell className="text-right">
            <CountAndTotal
              side={day.medusa.credit_notes}
              currency={day.currency}
            />
          </Table.Cell>
          <Table.Cell className="text-right">
            <CountAndTotal
              side={day.salesforce.credit_notes}
              currency={day.currency}
            />
          </Table.Cell>
          <Table.Cell>
            <StatusBadge color={day.status === "agree" ? "green" : "red"}>
              {day.status === "agree" ? "Agree" : "Differ"}
            </StatusBadge>
          </Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)

const DocumentsTable = ({ documents }: { documents: DocumentDifference[] }) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Document</Table.HeaderCell>
        <Table.HeaderCell>Date</Table.HeaderCell>
        <Table.HeaderCell>Difference</Table.HeaderCell>
        <Table.HeaderCell className="text-right">In Medusa</Table.HeaderCell>
        <Table.HeaderCell className="text-right">
          In Salesforce
        </Table.HeaderCell>
        <Table.HeaderCell>Salesforce ID</Table.HeaderCell>
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
                {doc.document_type
                  ? INVOICE_TYPE_LABEL[doc.document_type]
                  : "Unknown type"}
              </span>
            </div>
          </Table.Cell>
          <Table.Cell>{formatDate(doc.date)}</Table.Cell>
          <Table.Cell>
            <div className="flex items-center gap-x-2">
              <Badge size="2xsmall" color={KIND[doc.kind].color}>
                {KIND[doc.kind].label}
              </Badge>
              {doc.kind === "deleted_in_salesforce" && (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {doc.in_recycle_bin ? "in the Recycle Bin" : "purged"}
                </Text>
              )}
            </div>
          </Table.Cell>
          <Table.Cell className="text-right">
            {formatAmount(doc.medusa_total, doc.currency)}
          </Table.Cell>
          <Table.Cell className="text-right">
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
