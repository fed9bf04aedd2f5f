import { ArrowPath } from "@medusajs/icons"
import {
  Button,
  Container,
  Heading,
  Table,
  Text,
  Textarea,
  toast,
} from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { AttemptDrawer } from "../../../components/attempt-drawer"
import { DownloadPdfButton } from "../../../components/download-pdf-button"
import { PreviewDrawer } from "../../../components/preview-drawer"
import { SalesforceIdLink } from "../../../components/salesforce-id-link"
import {
  EmptyState,
  SectionError,
  SectionSkeleton,
} from "../../../components/states"
import {
  AttemptStatusBadge,
  SyncStatusBadge,
} from "../../../components/sync-status-badge"
import { useInvoiceSync } from "../../../components/use-invoice-sync"
import { UserLabel } from "../../../components/user-label"
import {
  errorMessage,
  formatAmount,
  formatDate,
  formatDateTime,
  INVOICE_TYPE_LABEL,
  TRIGGER_LABEL,
} from "../../../lib/format"
import {
  useAddInvoiceComment,
  useInvoice,
  useSyncEnabled,
  useSyncLog,
} from "../../../lib/hooks"
import { invoiceSummary } from "../../../lib/invoice-summary"
import { usePermissions } from "../../../lib/permissions"
import type { InvoiceDetail } from "../../../lib/types"

/** One invoice or credit note: what it bills, its comments, and its Salesforce record. */
const InvoicePage = () => {
  const { id } = useParams()
  const { data, isLoading, isError, error, refetch } = useInvoice(id!)

  if (isLoading) {
    return (
      <Container className="p-0">
        <SectionSkeleton rows={6} />
      </Container>
    )
  }
  if (isError || !data) {
    return (
      <Container className="p-0">
        <SectionError
          error={error}
          what="this invoice"
          onRetry={() => void refetch()}
        />
      </Container>
    )
  }
  const invoice = data.invoice

  return (
    <div className="flex w-full flex-col items-start gap-x-4 gap-y-3 xl:grid xl:grid-cols-[minmax(0,_1fr)_440px]">
      <div className="flex w-full min-w-0 flex-col gap-y-3">
        <InvoiceHeader invoice={invoice} />
        <InvoiceLines invoice={invoice} />
        <InvoiceComments invoice={invoice} />
      </div>
      <div className="flex w-full min-w-0 flex-col gap-y-3">
        <SalesforceSection invoice={invoice} />
      </div>
    </div>
  )
}

const Row = ({
  label,
  children,
}: {
  label: string
  children: React.ReactNode
}) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <div className="txt-compact-small min-w-0 break-words">{children}</div>
  </div>
)

const InvoiceHeader = ({ invoice }: { invoice: InvoiceDetail }) => (
  <Container className="divide-y p-0">
    <div className="flex items-center justify-between px-6 py-4">
      <div>
        <Heading>{invoice.number}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {INVOICE_TYPE_LABEL[invoice.type]} issued{" "}
          {formatDate(invoice.issued_at ?? invoice.created_at)}
        </Text>
      </div>
      <div className="flex items-center gap-x-2">
        <SyncStatusBadge
          status={invoice.sync_status}
          error={invoice.sync_error}
        />
        <DownloadPdfButton invoiceId={invoice.id} />
      </div>
    </div>
    <Row label="Type">{INVOICE_TYPE_LABEL[invoice.type]}</Row>
    <Row label="Order">
      <Link
        to={`/orders/${invoice.order_id}`}
        className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
      >
        #{invoice.order?.display_id ?? invoice.order_display_id}
      </Link>
    </Row>
    {invoice.original_invoice_id && (
      <Row label="Credits invoice">
        <Link
          to={`/invoices/${invoice.original_invoice_id}`}
          className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
        >
          View original invoice
        </Link>
      </Row>
    )}
    <Row label="Customer">
      <div className="flex flex-col">
        <span className="text-ui-fg-base">
          {invoice.customer_name || "Guest"}
        </span>
        {invoice.customer_email && <span>{invoice.customer_email}</span>}
      </div>
    </Row>
  </Container>
)

const InvoiceLines = ({ invoice }: { invoice: InvoiceDetail }) => {
  const money = (amount: number) => formatAmount(amount, invoice.currency_code)
  // Subtotal − discount + shipping (net: its tax is in Tax) + tax = total, as shown (see invoice-summary.ts).
  const totals = invoiceSummary(invoice).map(
    ({ label, amount }): [string, number] => [
      label === "Subtotal" || label === "Shipping" ? `${label} (net)` : label,
      amount,
    ]
  )
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Lines</Heading>
      </div>
      {invoice.lines.length === 0 ? (
        <EmptyState
          title="No lines"
          description="This document bills no items."
        />
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Item</Table.HeaderCell>
              <Table.HeaderCell className="text-right">
                Quantity
              </Table.HeaderCell>
              <Table.HeaderCell className="text-right">
                Unit price
              </Table.HeaderCell>
              <Table.HeaderCell className="text-right">
                Discount
              </Table.HeaderCell>
              <Table.HeaderCell className="text-right">Tax</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Total</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {invoice.lines.map((line) => (
              <Table.Row key={line.id}>
                <Table.Cell>
                  <div className="flex flex-col py-2">
                    <span className="text-ui-fg-base">{line.title}</span>
                    {line.sku && (
                      <span className="text-ui-fg-subtle txt-compact-xsmall">
                        {line.sku}
                      </span>
                    )}
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right">{line.quantity}</Table.Cell>
                <Table.Cell className="text-right">
                  {money(line.unit_price)}
                </Table.Cell>
                <Table.Cell className="text-right">
                  {money(line.discount_total)}
                </Table.Cell>
                <Table.Cell className="text-right">
                  {money(line.tax_total)}
                </Table.Cell>
                <Table.Cell className="text-right">
                  {money(line.total)}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <div className="flex flex-col gap-y-2 px-6 py-4">
        {totals.map(([label, amount]) => (
          <div
            key={label}
            className="text-ui-fg-subtle flex items-center justify-between"
          >
            <Text size="small" leading="compact">
              {label}
            </Text>
            <Text
              size="small"
              leading="compact"
              data-testid="invoice-summary-amount"
            >
              {money(amount)}
            </Text>
          </div>
        ))}
      </div>
      <div className="flex items-center justify-between px-6 py-4">
        <Text size="small" weight="plus" leading="compact">
          Total
        </Text>
        <Text
          size="small"
          weight="plus"
          leading="compact"
          data-testid="invoice-total"
        >
          {money(invoice.total)}
        </Text>
      </div>
    </Container>
  )
}

const InvoiceComments = ({ invoice }: { invoice: InvoiceDetail }) => {
  const [text, setText] = useState("")
  const addComment = useAddInvoiceComment(invoice.id)
  const { can } = usePermissions()
  const trimmed = text.trim()

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!trimmed) {
      return
    }
    try {
      await addComment.mutateAsync(trimmed)
      setText("")
      toast.success("Comment added")
    } catch (error) {
      toast.error("Could not add the comment", {
        description: errorMessage(error),
      })
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Comments</Heading>
      </div>
      {invoice.comments.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            No comments yet.
          </Text>
        </div>
      ) : (
        <ul className="divide-y" data-testid="invoice-comments">
          {[...invoice.comments]
            .sort((a, b) => a.created_at.localeCompare(b.created_at))
            .map((comment) => (
              <li key={comment.id} className="flex flex-col gap-y-1 px-6 py-4">
                <div className="flex items-center justify-between">
                  <Text size="small" weight="plus" leading="compact">
                    {comment.author_name || "Admin"}
                  </Text>
                  <Text
                    size="xsmall"
                    leading="compact"
                    className="text-ui-fg-muted"
                  >
                    {formatDateTime(comment.created_at)}
                  </Text>
                </div>
                <Text
                  size="small"
                  className="text-ui-fg-subtle whitespace-pre-wrap break-words"
                >
                  {comment.text}
                </Text>
              </li>
            ))}
        </ul>
      )}
      {can("msi_invoice:create") && (
        <form onSubmit={submit} className="flex flex-col gap-y-2 px-6 py-4">
          <Textarea
            aria-label="Add a comment"
            placeholder="Add a comment"
            value={text}
            maxLength={4000}
            onChange={(e) => setText(e.target.value)}
            rows={3}
          />
          <div className="flex justify-end">
            <Button
              size="small"
              variant="secondary"
              type="submit"
              disabled={!trimmed}
              isLoading={addComment.isPending}
            >
              Add comment
            </Button>
          </div>
        </form>
      )}
    </Container>
  )
}

const SalesforceSection = ({ invoice }: { invoice: InvoiceDetail }) => {
  const syncEnabled = useSyncEnabled()
  const { syncOne, isPending } = useInvoiceSync()
  const history = useSyncLog({
    invoice_id: invoice.id,
    all_attempts: true,
    limit: 10,
  })
  // Guard against a server that ignores the filter: only this document's attempts.
  const attempts = (history.data?.attempts ?? []).filter(
    (a) => a.invoice_id === invoice.id
  )
  const last = attempts[0]
  const [viewing, setViewing] = useState<string | null>(null)

  return (
    <Container className="divide-y p-0" data-testid="salesforce-section">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Salesforce</Heading>
        <div className="flex items-center gap-x-2">
          <PreviewDrawer invoiceId={invoice.id} />
          {syncEnabled && (
            <Button
              size="small"
              variant="secondary"
              isLoading={isPending}
              onClick={() => void syncOne(invoice.id)}
            >
              <ArrowPath />
              Sync with Salesforce
            </Button>
          )}
        </div>
      </div>
      <Row label="Salesforce ID">
        {invoice.salesforce_id ? (
          <SalesforceIdLink
            id={invoice.salesforce_id}
            url={invoice.salesforce_url}
          />
        ) : (
          <span className="text-ui-fg-muted">Not in Salesforce</span>
        )}
      </Row>
      <Row label="Status">
        <SyncStatusBadge
          status={invoice.sync_status}
          error={invoice.sync_error}
        />
      </Row>
      <Row label="Last attempt">
        {last ? (
          <div className="flex flex-col gap-y-1">
            <span>
              {formatDateTime(last.created_at)} ·{" "}
              {TRIGGER_LABEL[last.trigger] ?? last.trigger}
            </span>
            {last.status === "failed" && (
              <span
                className="text-ui-fg-error"
                data-testid="last-attempt-error"
              >
                {last.error_message ?? "Failed"}
              </span>
            )}
          </div>
        ) : (
          <span className="text-ui-fg-muted">
            {history.isLoading ? "…" : "Never"}
          </span>
        )}
      </Row>
      {invoice.sync_status === "failed" && invoice.sync_hint && (
        <Row label="How to fix">
          <span data-testid="invoice-fix-hint">{invoice.sync_hint}</span>
        </Row>
      )}
      {invoice.sync_status === "failed" && invoice.sync_error && !last && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            {invoice.sync_error}
          </Text>
        </div>
      )}
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Text size="small" weight="plus" leading="compact">
          Attempt history
        </Text>
        {history.isError ? (
          <Text size="small" className="text-ui-fg-subtle">
            The attempt history is not available.
          </Text>
        ) : attempts.length === 0 ? (
          <Text size="small" className="text-ui-fg-subtle">
            {history.isLoading ? "Loading…" : "No attempts yet."}
          </Text>
        ) : (
          <ol className="flex flex-col gap-y-3" data-testid="attempt-history">
            {attempts.map((attempt) => (
              <li
                key={attempt.id}
                className="flex items-start justify-between gap-x-3"
              >
                <div className="flex min-w-0 flex-col">
                  <Text size="small" leading="compact">
                    {formatDateTime(attempt.created_at)}
                  </Text>
                  <Text
                    size="xsmall"
                    leading="compact"
                    className="text-ui-fg-subtle"
                  >
                    {TRIGGER_LABEL[attempt.trigger] ?? attempt.trigger}
                    {attempt.started_by && (
                      <>
                        {" by "}
                        <UserLabel id={attempt.started_by} />
                      </>
                    )}
                    {attempt.duration_ms !== null
                      ? ` · ${attempt.duration_ms} ms`
                      : ""}
                  </Text>
                  {attempt.error_message && (
                    <Text
                      size="xsmall"
                      className="text-ui-fg-error break-words"
                    >
                      {attempt.error_message}
                    </Text>
                  )}
                </div>
                <div className="flex shrink-0 flex-col items-end gap-y-1">
                  <AttemptStatusBadge status={attempt.status} />
                  <Button
                    size="small"
                    variant="transparent"
                    onClick={() => setViewing(attempt.id)}
                  >
                    What was sent
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
      <AttemptDrawer id={viewing} onClose={() => setViewing(null)} />
    </Container>
  )
}

export const handle = {
  breadcrumb: () => "Invoice",
}

export default InvoicePage
