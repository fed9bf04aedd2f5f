import { Badge, StatusBadge, Text } from "@medusajs/ui"
import { formatNumber } from "../lib/format"
import { usePluginTranslation } from "../lib/i18n"
import type { RecordAnswer } from "../lib/types"

type ListedRecord = {
  object: string
  endpoint: string
  external_id_field: string
  external_id: string
  fields: Record<string, unknown>
  answer?: RecordAnswer
  tries?: number
}

const show = (value: unknown) =>
  typeof value === "string" ? value : JSON.stringify(value)

/** Salesforce's answer for one record, as a badge and its errors. */
const AnswerOf = ({ answer }: { answer?: RecordAnswer }) => {
  const { t } = usePluginTranslation()
  if (!answer) {
    return <StatusBadge color="grey">{t("records.notSent")}</StatusBadge>
  }
  if ("error_code" in answer) {
    return (
      <div className="flex flex-col items-end gap-y-1">
        <StatusBadge color="red">{t("records.callFailed")}</StatusBadge>
        <Text size="xsmall" className="text-ui-fg-error text-end">
          {answer.error_code}: {answer.message}
        </Text>
      </div>
    )
  }
  return (
    <div className="flex flex-col items-end gap-y-1">
      <StatusBadge color={answer.success ? "green" : "red"}>
        {t(
          answer.success
            ? answer.created
              ? "records.created"
              : "records.updated"
            : "records.refused"
        )}
      </StatusBadge>
      {answer.id && (
        <Text size="xsmall" className="text-ui-fg-subtle font-mono">
          {answer.id}
        </Text>
      )}
      {answer.errors.map((e, i) => (
        <Text key={i} size="xsmall" className="text-ui-fg-error text-end">
          {e.statusCode}
          {e.fields.length ? ` (${e.fields.join(", ")})` : ""}: {e.message}
        </Text>
      ))}
    </div>
  )
}

/** Records as the sync sends them: object, external ID, fields, and (for an attempt) Salesforce's answer. */
export const RecordList = ({
  records,
  answers,
}: {
  records: ListedRecord[]
  /** Show each record's answer (the attempt viewer); the preview has none. */
  answers: boolean
}) => {
  const { t } = usePluginTranslation()
  return (
    <ol className="flex flex-col gap-y-3" data-testid="record-list">
      {records.map((record) => (
        <li
          key={`${record.object}:${record.external_id}`}
          className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-y-2 rounded-lg p-3"
          data-testid="record-item"
        >
          <div className="flex items-start justify-between gap-x-3">
            <div className="flex min-w-0 flex-col gap-y-1">
              <div className="flex items-center gap-x-2">
                <Badge size="2xsmall">{record.object}</Badge>
                {record.tries && record.tries > 1 && (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {t("records.tries", { n: formatNumber(record.tries) })}
                  </Text>
                )}
              </div>
              <Text
                size="xsmall"
                className="text-ui-fg-subtle break-all font-mono"
              >
                {record.external_id_field} = {record.external_id}
              </Text>
            </div>
            {answers && <AnswerOf answer={record.answer} />}
          </div>
          <dl className="txt-compact-xsmall grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-0.5">
            {Object.entries(record.fields).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-ui-fg-subtle truncate font-mono">{name}</dt>
                <dd className="text-ui-fg-base break-words font-mono whitespace-pre-wrap">
                  {show(value)}
                </dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ol>
  )
}
