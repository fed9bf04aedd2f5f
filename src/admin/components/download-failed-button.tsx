import { CloudArrowDown } from "@medusajs/icons"
import { Button, toast } from "@medusajs/ui"
import { errorMessage } from "../lib/format"
import { downloadFailedRecordsCsv } from "../lib/hooks"
import { usePermissions } from "../lib/permissions"
import { usePluginTranslation } from "../lib/i18n"

type Props = { runId?: string; reason?: string; label?: string }

/** Downloads the failed records as CSV: all of them, one run's, or one reason's within a run. */
export const DownloadFailedButton = (props: Props) =>
  usePermissions().can("msi_salesforce:export") ? (
    <DownloadButton {...props} />
  ) : null

const DownloadButton = ({ runId, reason, label }: Props) => {
  const { t } = usePluginTranslation()
  return (
    <Button
      size="small"
      variant="secondary"
      onClick={() =>
        downloadFailedRecordsCsv({ run_id: runId, reason }).catch((error) =>
          toast.error(t("failedRecords.downloadError"), {
            description: errorMessage(error),
          })
        )
      }
    >
      <CloudArrowDown />
      {label ?? t("failedRecords.download")}
    </Button>
  )
}
