import { StatusBadge, Tooltip } from "@medusajs/ui"
import type { SyncStatus } from "../lib/types"

const BADGE: Record<
  SyncStatus,
  { color: "grey" | "green" | "red" | "orange"; label: string }
> = {
  not_synced: { color: "grey", label: "Not synced" },
  synced: { color: "green", label: "Synced" },
  failed: { color: "red", label: "Failed" },
  outdated: { color: "orange", label: "Out of date" },
}

/** An invoice's Salesforce state; a failure shows its reason on hover. */
export const SyncStatusBadge = ({
  status,
  error,
}: {
  status?: SyncStatus
  error?: string | null
}) => {
  const { color, label } = BADGE[status ?? "not_synced"] ?? BADGE.not_synced
  const badge = (
    <StatusBadge color={color} data-sync-status={status ?? "not_synced"}>
      {label}
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
}) =>
  status === "synced" ? (
    <StatusBadge color="green">Successful</StatusBadge>
  ) : (
    <StatusBadge color="red">Failed</StatusBadge>
  )
