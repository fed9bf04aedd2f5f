import { Alert, Drawer, Heading, Text } from "@medusajs/ui"
import { formatDateTime, TRIGGER_LABEL } from "../lib/format"
import { useSyncAttempt } from "../lib/hooks"
import { RecordList } from "./record-list"
import { SectionError, SectionSkeleton } from "./states"
import { AttemptStatusBadge } from "./sync-status-badge"

/**
 * The attempt viewer: what one attempt sent for its document (the calls with their endpoint and time, the
 * records with their fields) and what Salesforce answered for each, with the failure's hint. Opened from a row of
 * the sync log and from the invoice page's attempt history.
 */
export const AttemptDrawer = ({
  id,
  onClose,
}: {
  id: string | null
  onClose: () => void
}) => {
  const {
    data: attempt,
    isLoading,
    isError,
    error,
    refetch,
  } = useSyncAttempt(id)
  return (
    <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content aria-describedby={undefined} data-testid="attempt-drawer">
        <Drawer.Header>
          <Drawer.Title>
            Sync attempt{attempt ? ` · ${attempt.invoice_number}` : ""}
          </Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {isLoading ? (
            <SectionSkeleton rows={4} />
          ) : isError || !attempt ? (
            <SectionError
              error={error}
              what="this attempt"
              onRetry={() => void refetch()}
            />
          ) : (
            <>
              <div className="flex items-start justify-between gap-x-3">
                <div className="flex flex-col gap-y-0.5">
                  <Text size="small" leading="compact" weight="plus">
                    {formatDateTime(attempt.created_at)}
                  </Text>
                  <Text size="small" className="text-ui-fg-subtle">
                    {TRIGGER_LABEL[attempt.trigger] ?? attempt.trigger} ·{" "}
                    {attempt.duration_ms ?? 0} ms
                  </Text>
                </div>
                <AttemptStatusBadge status={attempt.status} />
              </div>
              {attempt.error_message && (
                <Alert variant="error">{attempt.error_message}</Alert>
              )}
              {attempt.hint && (
                <div
                  className="flex flex-col gap-y-1"
                  data-testid="attempt-hint"
                >
                  <Text size="small" weight="plus">
                    How to fix
                  </Text>
                  <Text size="small" className="text-ui-fg-subtle">
                    {attempt.hint}
                  </Text>
                </div>
              )}
              {attempt.note && <Alert variant="warning">{attempt.note}</Alert>}
              {!attempt.detail ? (
                <Text size="small" className="text-ui-fg-subtle">
                  Nothing was recorded of what this attempt sent (it was made
                  before the attempt viewer, or stopped before any call).
                </Text>
              ) : (
                <>
                  <div className="flex flex-col gap-y-2">
                    <Heading level="h3">Calls</Heading>
                    <ol
                      className="flex flex-col gap-y-1"
                      data-testid="attempt-calls"
                    >
                      {attempt.detail.calls.map((call, i) => (
                        <li
                          key={i}
                          className="flex items-start justify-between gap-x-3"
                        >
                          <Text size="xsmall" className="break-all font-mono">
                            {call.endpoint}
                          </Text>
                          <Text
                            size="xsmall"
                            className="text-ui-fg-subtle shrink-0"
                          >
                            {call.duration_ms} ms
                          </Text>
                        </li>
                      ))}
                    </ol>
                  </div>
                  <div className="flex flex-col gap-y-2">
                    <Heading level="h3">
                      Records ({attempt.detail.records.length})
                    </Heading>
                    {attempt.detail.truncated && (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {attempt.detail.truncated.omitted_records} more
                        record(s) not kept: an attempt keeps at most 32 KB.
                      </Text>
                    )}
                    <RecordList records={attempt.detail.records} answers />
                  </div>
                </>
              )}
            </>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
