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
import { errorMessage } from "../lib/format"
import { useSyncOrders } from "../lib/hooks"
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
  synced: { color: "green", label: "Synced" },
  already_synced: { color: "grey", label: "Already synced" },
  failed: { color: "red", label: "Failed" },
  not_found: { color: "orange", label: "Record not found" },
}

/** "Sync New Order": sync every invoice and credit note of the orders whose numbers are typed, one per line. */
export const SyncNewOrderDrawer = () => {
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
      setValidation("Enter at least one order or reference number.")
      return
    }
    if (numbers.length > MAX_ORDER_NUMBERS) {
      setValidation(
        `Enter at most ${MAX_ORDER_NUMBERS} numbers at a time (you entered ${numbers.length}).`
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
          Sync New Order
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined}>
        <Drawer.Header>
          <Drawer.Title>Sync New Order</Drawer.Title>
        </Drawer.Header>
        {results ? (
          <>
            <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
              <Text size="small" className="text-ui-fg-subtle">
                {summary(results)}
              </Text>
              <ul
                className="flex flex-col divide-y rounded-lg border"
                data-testid="sync-order-results"
              >
                {results.map((result) => (
                  <OrderResult key={result.order_number} result={result} />
                ))}
              </ul>
            </Drawer.Body>
            <Drawer.Footer>
              <Button size="small" variant="secondary" onClick={reset}>
                Sync more orders
              </Button>
              <Drawer.Close asChild>
                <Button size="small">Done</Button>
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
                Every invoice and credit note of these orders is sent to
                Salesforce; documents already there are not sent again.
              </Text>
              <div className="flex flex-col gap-y-2">
                <Label htmlFor="order-numbers" size="small" weight="plus">
                  Order / Reference Number
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
                    One number per line, up to {MAX_ORDER_NUMBERS}.
                    {count ? ` ${count} entered.` : ""}
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
                  Cancel
                </Button>
              </Drawer.Close>
              <Button
                size="small"
                type="submit"
                isLoading={syncOrders.isPending}
              >
                Sync
              </Button>
            </Drawer.Footer>
          </form>
        )}
      </Drawer.Content>
    </Drawer>
  )
}

function summary(results: OrderSyncResult[]) {
  const by = (status: OrderSyncStatus) =>
    results.filter((r) => r.status === status).length
  const parts = [
    `${by("synced")} synced`,
    by("already_synced") && `${by("already_synced")} already synced`,
    by("failed") && `${by("failed")} failed`,
    by("not_found") && `${by("not_found")} not found`,
  ].filter(Boolean)
  return `${results.length} ${results.length === 1 ? "order" : "orders"}: ${parts.join(", ")}.`
}

const OrderResult = ({ result }: { result: OrderSyncResult }) => {
  const badge = RESULT_BADGE[result.status] ?? RESULT_BADGE.failed
  const message =
    result.status === "not_found"
      ? (result.message ?? "Record not found")
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
        <StatusBadge color={badge.color}>{badge.label}</StatusBadge>
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
                  {invoice.error ?? "Failed"}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}
