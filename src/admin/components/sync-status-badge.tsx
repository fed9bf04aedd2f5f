import { StatusBadge, Tooltip } from "@medusajs/ui"
import { usePluginTranslation } from "../lib/i18n"
import type { SyncStatus } from "../lib/types"

/** Colour and translation key of each state. */
export const SYNC_STATUS_BADGE: Record<
  SyncStatus,
  { color: "grey" | "green" | "red" | "orange"; label: string }
> = {
  not_synced: { color: "grey", label: "syncStatus.not_synced" },
  synced: { color: "green", label: "syncStatus.synced" },
  failed: { color: "red", label: "syncStatus.failed" },
  outdated: { color: "orange", label: "syncStatus.outdated" },
}

/** An invoice's Salesforce state; a failure shows its reason on hover. */
export const SyncStatusBadge = ({
  status,
  error,
}: {
  status?: SyncStatus
  error?: string | null
}) => {
  const { t } = usePluginTranslation()
  const { color, label } =
    SYNC_STATUS_BADGE[status ?? "not_synced"] ?? SYNC_STATUS_BADGE.not_synced
  const badge = (
    <StatusBadge color={color} data-sync-status={status ?? "not_synced"}>
      {t(label)}
    </StatusBadge>
  )
  if (status === "failed" && error) {
    return (
      <Tooltip content={error} maxWidth={360}>
        <span className="inline-flex">{badge}</span>
      </Tooltip>
    )
  }
  return badge
}

/** A sync attempt's result in the log. */
export const AttemptStatusBadge = ({
  status,
}: {
  status: "synced" | "failed"
}) => {
  const { t } = usePluginTranslation()
  return status === "synced" ? (
    <StatusBadge color="green">{t("attemptStatus.synced")}</StatusBadge>
  ) : (
    <StatusBadge color="red">{t("attemptStatus.failed")}</StatusBadge>
  )
}
