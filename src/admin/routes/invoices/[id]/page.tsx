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
import { useErrorText } from "../../../components/error-text"
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
import { EInvoiceSection } from "../../../components/e-invoice-section"
import { useInvoiceSync } from "../../../components/use-invoice-sync"
import { UserLabel } from "../../../components/user-label"
import {
  errorMessage,
  formatAmount,
  formatDate,
  formatDateTime,
  formatNumber,
  INVOICE_TYPE_LABEL,
  TRIGGER_LABEL,
} from "../../../lib/format"
import {
  useAddInvoiceComment,
  useInvoice,
  useSyncEnabled,
  useSyncLog,
} from "../../../lib/hooks"
import { translate, usePluginTranslation } from "../../../lib/i18n"
import { invoiceSummary, type SummaryRow } from "../../../lib/invoice-summary"
import { usePermissions } from "../../../lib/permissions"
import type { InvoiceDetail } from "../../../lib/types"

/** The summary's rows as the page labels them: subtotal and shipping net (their tax is in Tax). */
const SUMMARY_KEY: Record<SummaryRow["row"], string> = {
  Subtotal: "invoice.subtotalNet",
  Discount: "invoice.discount",
  Shipping: "invoice.shippingNet",
  Tax: "invoice.tax",
}

/** One invoice or credit note: what it bills, its comments, and its Salesforce record. */
const InvoicePage = () => {
  const { t } = usePluginTranslation()
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
          what={t("what.invoice")}
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
        <EInvoiceSection id={invoice.id} />
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

const InvoiceHeader = ({ invoice }: { invoice: InvoiceDetail }) => {
  const { t } = usePluginTranslation()
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>{invoice.number}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("invoice.issued", {
              type: t(INVOICE_TYPE_LABEL[invoice.type]),
              date: formatDate(invoice.issued_at ?? invoice.created_at),
            })}
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
      <Row label={t("columns.type")}>{t(INVOICE_TYPE_LABEL[invoice.type])}</Row>
      <Row label={t("columns.order")}>
        <Link
          to={`/orders/${invoice.order_id}`}
          className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
        >
          #{invoice.order?.display_id ?? invoice.order_display_id}
        </Link>
      </Row>
      {invoice.original_invoice_id && (
        <Row label={t("invoice.creditsInvoice")}>
          <Link
            to={`/invoices/${invoice.original_invoice_id}`}
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          >
            {t("invoice.viewOriginal")}
          </Link>
        </Row>
      )}
      <Row label={t("columns.customer")}>
        <div className="flex flex-col">
          <span className="text-ui-fg-base">
            {invoice.customer_name || t("invoice.guest")}
          </span>
          {invoice.customer_email && <span>{invoice.customer_email}</span>}
        </div>
      </Row>
    </Container>
  )
}

const InvoiceLines = ({ invoice }: { invoice: InvoiceDetail }) => {
  const { t } = usePluginTranslation()
  const money = (amount: number) => formatAmount(amount, invoice.currency_code)
  // Subtotal − discount + shipping (net: its tax is in Tax) + tax = total, as shown (see invoice-summary.ts).
  const totals = invoiceSummary(invoice).map(
    ({ row, amount }): [string, number] => [t(SUMMARY_KEY[row]), amount]
  )
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("invoice.lines")}</Heading>
      </div>
      {invoice.lines.length === 0 ? (
        <EmptyState
          title={t("invoice.noLines")}
          description={t("invoice.noLinesDescription")}
        />
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("invoice.item")}</Table.HeaderCell>
              <Table.HeaderCell className="text-end">
                {t("invoice.quantity")}
              </Table.HeaderCell>
              <Table.HeaderCell className="text-end">
                {t("invoice.unitPrice")}
              </Table.HeaderCell>
              <Table.HeaderCell className="text-end">
                {t("invoice.discount")}
              </Table.HeaderCell>
              <Table.HeaderCell className="text-end">
                {t("invoice.tax")}
              </Table.HeaderCell>
              <Table.HeaderCell className="text-end">
                {t("columns.total")}
              </Table.HeaderCell>
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
                <Table.Cell className="text-end">
                  {formatNumber(line.quantity)}
                </Table.Cell>
                <Table.Cell className="text-end">
                  {money(line.unit_price)}
                </Table.Cell>
                <Table.Cell className="text-end">
                  {money(line.discount_total)}
                </Table.Cell>
                <Table.Cell className="text-end">
                  {money(line.tax_total)}
                </Table.Cell>
                <Table.Cell className="text-end">
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
          {t("columns.total")}
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
  const { t } = usePluginTranslation()
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
      toast.success(t("comments.added"))
    } catch (error) {
      toast.error(t("comments.addError"), {
        description: errorMessage(error),
      })
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("comments.title")}</Heading>
      </div>
      {invoice.comments.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("comments.none")}
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
                    {comment.author_name || t("comments.admin")}
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
            aria-label={t("comments.placeholder")}
            placeholder={t("comments.placeholder")}
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
              {t("comments.add")}
            </Button>
          </div>
        </form>
      )}
    </Container>
  )
}

const SalesforceSection = ({ invoice }: { invoice: InvoiceDetail }) => {
  const { t } = usePluginTranslation()
  const errorText = useErrorText()
  const trigger = (value: string) =>
    TRIGGER_LABEL[value as keyof typeof TRIGGER_LABEL]
      ? t(TRIGGER_LABEL[value as keyof typeof TRIGGER_LABEL])
      : value
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
              {t("actions.syncWithSalesforce")}
            </Button>
          )}
        </div>
      </div>
      <Row label={t("columns.salesforceId")}>
        {invoice.salesforce_id ? (
          <SalesforceIdLink
            id={invoice.salesforce_id}
            url={invoice.salesforce_url}
          />
        ) : (
          <span className="text-ui-fg-muted">
            {t("invoice.notInSalesforce")}
          </span>
        )}
      </Row>
      <Row label={t("columns.status")}>
        <SyncStatusBadge
          status={invoice.sync_status}
          error={invoice.sync_error}
        />
      </Row>
      <Row label={t("invoice.lastAttempt")}>
        {last ? (
          <div className="flex flex-col gap-y-1">
            <span>
              {formatDateTime(last.created_at)} · {trigger(last.trigger)}
            </span>
            {last.status === "failed" && (
              <span
                className="text-ui-fg-error"
                data-testid="last-attempt-error"
              >
                {errorText.message(last.error_code, last.error_message) ??
                  t("attemptStatus.failed")}
              </span>
            )}
          </div>
        ) : (
          <span className="text-ui-fg-muted">
            {history.isLoading ? "…" : t("invoice.never")}
          </span>
        )}
      </Row>
      {invoice.sync_status === "failed" && invoice.sync_hint && (
        <Row label={t("attempt.howToFix")}>
          <span data-testid="invoice-fix-hint">
            {errorText.hint(
              last?.status === "failed" ? last.error_code : null,
              invoice.sync_hint
            )}
          </span>
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
          {t("invoice.history")}
        </Text>
        {history.isError ? (
          <Text size="small" className="text-ui-fg-subtle">
            {t("invoice.historyUnavailable")}
          </Text>
        ) : attempts.length === 0 ? (
          <Text size="small" className="text-ui-fg-subtle">
            {history.isLoading ? t("common.loading") : t("invoice.noAttempts")}
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
                    {trigger(attempt.trigger)}
                    {attempt.started_by && (
                      <>
                        {` ${t("run.startedBy")} `}
                        <UserLabel id={attempt.started_by} />
                      </>
                    )}
                    {attempt.duration_ms !== null
                      ? ` · ${t("attempt.ms", { ms: formatNumber(attempt.duration_ms) })}`
                      : ""}
                  </Text>
                  {attempt.error_message && (
                    <Text
                      size="xsmall"
                      className="text-ui-fg-error break-words"
                    >
                      {errorText.message(
                        attempt.error_code,
                        attempt.error_message
                      )}
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
                    {t("log.whatWasSent")}
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
  breadcrumb: () => translate("invoiceType.invoice"),
}

export default InvoicePage
