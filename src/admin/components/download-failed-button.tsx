import { CloudArrowDown } from "@medusajs/icons"
import { Button, toast } from "@medusajs/ui"
import { errorMessage } from "../lib/format"
import { downloadFailedRecordsCsv } from "../lib/hooks"

/** Downloads the failed records as CSV: all of them, one run's, or one reason's within a run. */
export const DownloadFailedButton = ({
  runId,
  reason,
  label = "Download failed records",
}: {
  runId?: string
  reason?: string
  label?: string
}) => (
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
