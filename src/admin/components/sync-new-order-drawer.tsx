import {
  Button,
  Drawer,
  Hint,
  Label,
  StatusBadge,
  Text,
  Textarea,
} from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { errorMessage, formatNumber } from "../lib/format"
import { useSyncOrders } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import type { OrderSyncResult, OrderSyncStatus } from "../lib/types"
import { SalesforceIdLink } from "./salesforce-id-link"

/** Seed 001: at most this many order numbers in one sync. */
export const MAX_ORDER_NUMBERS = 100

/** The non-empty lines of the field, trimmed, duplicates folded (the server folds them too). */
export function parseOrderNumbers(text: string) {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
    ),
  ]
}

const RESULT_BADGE: Record<
  OrderSyncStatus,
  { color: "green" | "grey" | "red" | "orange"; label: string }
> = {
  synced: { color: "green", label: "orderSync.synced" },
  already_synced: { color: "grey", label: "orderSync.alreadySynced" },
  failed: { color: "red", label: "orderSync.failed" },
  not_found: { color: "orange", label: "orderSync.notFound" },
}

/** "Sync New Order": sync every invoice and credit note of the orders whose numbers are typed, one per line. */
export const SyncNewOrderDrawer = () => {
  const { t } = usePluginTranslation()
  const [open, setOpen] = useState(false)
  const [text, setText] = useState("")
  const [validation, setValidation] = useState<string | null>(null)
  const syncOrders = useSyncOrders()

  const reset = () => {
    setText("")
    setValidation(null)
    syncOrders.reset()
  }

  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset()
    }
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const numbers = parseOrderNumbers(text)
    if (!numbers.length) {
      setValidation(t("orderSync.atLeastOne"))
      return
    }
    if (numbers.length > MAX_ORDER_NUMBERS) {
      setValidation(
        t("orderSync.atMost", {
          max: formatNumber(MAX_ORDER_NUMBERS),
          entered: formatNumber(numbers.length),
        })
      )
      return
    }
    setValidation(null)
    syncOrders.mutate(numbers)
  }

  const count = parseOrderNumbers(text).length
  const results = syncOrders.data?.results

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          {t("orderSync.title")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined}>
        <Drawer.Header>
          <Drawer.Title>{t("orderSync.title")}</Drawer.Title>
        </Drawer.Header>
        {results ? (
          <>
            <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
              <Text size="small" className="text-ui-fg-subtle">
                {summary(results, t)}
              </Text>
              <ul
                className="flex flex-col divide-y rounded-lg border"
                data-testid="sync-order-results"
              >
                {results.map((result) => (
                  <OrderResult
                    key={result.order_number}
                    result={result}
                    t={t}
                  />
                ))}
              </ul>
            </Drawer.Body>
            <Drawer.Footer>
              <Button size="small" variant="secondary" onClick={reset}>
                {t("orderSync.more")}
              </Button>
              <Drawer.Close asChild>
                <Button size="small">{t("common.done")}</Button>
              </Drawer.Close>
            </Drawer.Footer>
          </>
        ) : (
          <form
            onSubmit={submit}
            className="flex flex-1 flex-col overflow-hidden"
            noValidate
          >
            <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
              <Text size="small" className="text-ui-fg-subtle">
                {t("orderSync.description")}
              </Text>
              <div className="flex flex-col gap-y-2">
                <Label htmlFor="order-numbers" size="small" weight="plus">
                  {t("orderSync.field")}
                </Label>
                <Textarea
                  id="order-numbers"
                  name="order_numbers"
                  rows={10}
                  required
                  aria-invalid={!!validation}
                  placeholder={"1042\n1043"}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value)
                    setValidation(null)
                  }}
                  className="font-mono"
                />
                {validation ? (
                  <Hint variant="error" data-testid="order-numbers-error">
                    {validation}
                  </Hint>
                ) : (
                  <Hint>
                    {t("orderSync.fieldHint", {
                      max: formatNumber(MAX_ORDER_NUMBERS),
                    })}
                    {count
                      ? ` ${t("orderSync.entered", { n: formatNumber(count) })}`
                      : ""}
                  </Hint>
                )}
                {syncOrders.isError && (
                  <Hint variant="error">{errorMessage(syncOrders.error)}</Hint>
                )}
              </div>
            </Drawer.Body>
            <Drawer.Footer>
              <Drawer.Close asChild>
                <Button size="small" variant="secondary" type="button">
                  {t("common.cancel")}
                </Button>
              </Drawer.Close>
              <Button
                size="small"
                type="submit"
                isLoading={syncOrders.isPending}
              >
                {t("orderSync.submit")}
              </Button>
            </Drawer.Footer>
          </form>
        )}
      </Drawer.Content>
    </Drawer>
  )
}

type Translate = (key: string, options?: Record<string, unknown>) => string

function summary(results: OrderSyncResult[], t: Translate) {
  const by = (status: OrderSyncStatus) =>
    results.filter((r) => r.status === status).length
  const parts = [
    t("orderSync.summarySynced", { n: formatNumber(by("synced")) }),
    by("already_synced") &&
      t("orderSync.summaryAlready", { n: formatNumber(by("already_synced")) }),
    by("failed") &&
      t("orderSync.summaryFailed", { n: formatNumber(by("failed")) }),
    by("not_found") &&
      t("orderSync.summaryNotFound", { n: formatNumber(by("not_found")) }),
  ].filter(Boolean)
  return t("orderSync.summary", {
    n: formatNumber(results.length),
    parts: parts.join(t("common.listSeparator")),
  })
}

const OrderResult = ({
  result,
  t,
}: {
  result: OrderSyncResult
  t: Translate
}) => {
  const badge = RESULT_BADGE[result.status] ?? RESULT_BADGE.failed
  const message =
    result.status === "not_found"
      ? (result.message ?? t("orderSync.notFound"))
      : result.message
  return (
    <li
      className="flex flex-col gap-y-2 px-4 py-3"
      data-order-number={result.order_number}
    >
      <div className="flex items-center justify-between gap-x-3">
        <Text
          size="small"
          weight="plus"
          leading="compact"
          className="font-mono"
        >
          {result.order_number}
        </Text>
        <StatusBadge color={badge.color}>{t(badge.label)}</StatusBadge>
      </div>
      {message &&
        result.status !== "synced" &&
        result.status !== "already_synced" && (
          <Text
            size="small"
            className={
              result.status === "failed"
                ? "text-ui-fg-error"
                : "text-ui-fg-subtle"
            }
          >
            {message}
          </Text>
        )}
      {result.invoices.length > 0 && (
        <ul className="flex flex-col gap-y-1">
          {result.invoices.map((invoice) => (
            <li
              key={invoice.invoice_id}
              className="txt-compact-small flex items-center justify-between gap-x-3"
            >
              <Link
                to={`/invoices/${invoice.invoice_id}`}
                className="text-ui-fg-interactive"
              >
                {invoice.number}
              </Link>
              {invoice.status === "synced" ? (
                <SalesforceIdLink
                  id={invoice.salesforce_id}
                  url={invoice.salesforce_url}
                />
              ) : (
                <span
                  className="text-ui-fg-error min-w-0 truncate"
                  title={invoice.error ?? undefined}
                >
                  {invoice.error ?? t("orderSync.failed")}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}
