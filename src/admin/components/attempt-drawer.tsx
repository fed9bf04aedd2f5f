import { Alert, Drawer, Heading, Text } from "@medusajs/ui"
import { formatDateTime, formatNumber, TRIGGER_LABEL } from "../lib/format"
import { useSyncAttempt } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import { useErrorText } from "./error-text"
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
  const { t } = usePluginTranslation()
  const errorText = useErrorText()
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
            {attempt
              ? t("attempt.titleOf", { number: attempt.invoice_number })
              : t("attempt.title")}
          </Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {isLoading ? (
            <SectionSkeleton rows={4} />
          ) : isError || !attempt ? (
            <SectionError
              error={error}
              what={t("what.attempt")}
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
                    {t("attempt.triggerDuration", {
                      trigger: TRIGGER_LABEL[attempt.trigger]
                        ? t(TRIGGER_LABEL[attempt.trigger])
                        : attempt.trigger,
                      ms: formatNumber(attempt.duration_ms ?? 0),
                    })}
                  </Text>
                </div>
                <AttemptStatusBadge status={attempt.status} />
              </div>
              {attempt.error_message && (
                <Alert variant="error">
                  {errorText.message(attempt.error_code, attempt.error_message)}
                </Alert>
              )}
              {attempt.hint && (
                <div
                  className="flex flex-col gap-y-1"
                  data-testid="attempt-hint"
                >
                  <Text size="small" weight="plus">
                    {t("attempt.howToFix")}
                  </Text>
                  <Text size="small" className="text-ui-fg-subtle">
                    {errorText.hint(attempt.error_code, attempt.hint)}
                  </Text>
                </div>
              )}
              {attempt.note && <Alert variant="warning">{attempt.note}</Alert>}
              {!attempt.detail ? (
                <Text size="small" className="text-ui-fg-subtle">
                  {t("attempt.nothingRecorded")}
                </Text>
              ) : (
                <>
                  <div className="flex flex-col gap-y-2">
                    <Heading level="h3">{t("attempt.calls")}</Heading>
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
                            {t("attempt.ms", {
                              ms: formatNumber(call.duration_ms),
                            })}
                          </Text>
                        </li>
                      ))}
                    </ol>
                  </div>
                  <div className="flex flex-col gap-y-2">
                    <Heading level="h3">
                      {t("records.heading", {
                        n: formatNumber(attempt.detail.records.length),
                      })}
                    </Heading>
                    {attempt.detail.truncated && (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {t("attempt.truncated", {
                          n: formatNumber(
                            attempt.detail.truncated.omitted_records
                          ),
                        })}
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
