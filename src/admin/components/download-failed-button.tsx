import { CloudArrowDown } from "@medusajs/icons"
import { Button, toast } from "@medusajs/ui"
import { errorMessage } from "../lib/format"
import { downloadFailedRecordsCsv } from "../lib/hooks"
import { usePermissions } from "../lib/permissions"

type Props = { runId?: string; reason?: string; label?: string }

/** Downloads the failed records as CSV: all of them, one run's, or one reason's within a run. */
export const DownloadFailedButton = (props: Props) =>
  usePermissions().can("msi_salesforce:export") ? (
    <DownloadButton {...props} />
  ) : null

const DownloadButton = ({
  runId,
  reason,
  label = "Download failed records",
}: Props) => (
  <Button
    size="small"
    variant="secondary"
    onClick={() =>
      downloadFailedRecordsCsv({ run_id: runId, reason }).catch((error) =>
        toast.error("Could not download the failed records", {
          description: errorMessage(error),
        })
      )
    }
  >
    <CloudArrowDown />
    {label}
  </Button>
)
