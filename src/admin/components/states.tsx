import { ExclamationCircle } from "@medusajs/icons"
import { Button, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage, isNotFound } from "../lib/format"
import { usePluginTranslation } from "../lib/i18n"

/** A few grey bars while a section loads. */
export const SectionSkeleton = ({ rows = 3 }: { rows?: number }) => (
  <div className="flex flex-col gap-y-3 px-6 py-4" aria-busy="true">
    {Array.from({ length: rows }, (_, i) => (
      <Skeleton key={i} className="h-5 w-full" />
    ))}
  </div>
)

/** A failed load, with the server's message and a retry. */
export const SectionError = ({
  error,
  onRetry,
  what,
}: {
  error: unknown
  onRetry?: () => void
  /** What failed to load, translated ("the invoices"). */
  what: string
}) => {
  const { t } = usePluginTranslation()
  return (
    <div className="flex items-start gap-x-3 px-6 py-4" role="alert">
      <ExclamationCircle className="text-ui-fg-error mt-0.5 shrink-0" />
      <div className="flex flex-1 flex-col gap-y-1">
        <Text size="small" weight="plus">
          {t("states.couldNotLoad", { what })}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {isNotFound(error) ? t("states.notDeployed") : errorMessage(error)}
        </Text>
      </div>
      {onRetry && (
        <Button size="small" variant="secondary" onClick={onRetry}>
          {t("states.tryAgain")}
        </Button>
      )}
    </div>
  )
}

/** A table that failed to load: its heading (and actions) stay, the table gives way to the error. */
export const TableError = ({
  heading,
  actions,
  ...error
}: {
  heading: ReactNode
  actions?: ReactNode
  error: unknown
  onRetry?: () => void
  what: string
}) => (
  <>
    <div className="flex items-center justify-between px-6 py-4">
      {heading}
      {actions}
    </div>
    <SectionError {...error} />
  </>
)

/** Nothing to show yet, and what to do about it. */
export const EmptyState = ({
  title,
  description,
  action,
}: {
  title: string
  description: string
  action?: React.ReactNode
}) => (
  <div className="flex flex-col items-center gap-y-2 px-6 py-10 text-center">
    <Text size="small" weight="plus">
      {title}
    </Text>
    <Text size="small" className="text-ui-fg-subtle max-w-md">
      {description}
    </Text>
    {action && <div className="mt-2">{action}</div>}
  </div>
)
