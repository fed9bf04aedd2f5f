import { Alert } from "@medusajs/ui"
import { formatDateTime } from "../lib/format"
import { usePluginTranslation } from "../lib/i18n"
import type { SyncPause } from "../lib/types"

/** Why documents wait instead of going to Salesforce, on the log and a run's page. */
export const SyncPausedBanner = ({ pause }: { pause?: SyncPause | null }) => {
  const { t } = usePluginTranslation()
  return pause ? (
    <Alert variant="warning" data-testid="sync-paused-banner">
      {pause.active && pause.until
        ? t("pause.bannerUntil", {
            reason: pause.reason,
            until: formatDateTime(pause.until),
          })
        : t("pause.banner", { reason: pause.reason })}
    </Alert>
  ) : null
}
