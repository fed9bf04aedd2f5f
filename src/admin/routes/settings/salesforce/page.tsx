import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Alert,
  Button,
  Container,
  Heading,
  Label,
  StatusBadge,
  Switch,
  Text,
  toast,
} from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ApiBudgetSection } from "../../../components/api-budget-section"
import { SectionError, SectionSkeleton } from "../../../components/states"
import { errorMessage, formatDateTime, formatNumber } from "../../../lib/format"
import {
  useSalesforceConnection,
  useSalesforceSettings,
  useTestSalesforceConnection,
  useUpdateSalesforceSettings,
} from "../../../lib/hooks"
import { usePermissions } from "../../../lib/permissions"
import { adminLocale, usePluginTranslation } from "../../../lib/i18n"
import type {
  ConnectionStatus,
  SalesforceConnection,
  SalesforceToggles,
} from "../../../lib/types"

/** Settings -> Salesforce: what syncs and when, and whether the store can reach the org. */
const SalesforceSettingsPage = () => (
  <div className="flex flex-col gap-y-3">
    <InvoiceConfiguration />
    <ApiBudgetSection />
    <ConnectionSection />
    <SyncLogSection />
  </div>
)

const OPTIONS: {
  key: keyof SalesforceToggles
  /** Translation keys. */
  label: string
  description: string
  /** Shown only while sync is enabled: it has no effect otherwise. */
  whileEnabled?: boolean
}[] = [
  {
    key: "enabled",
    label: "settings.options.enabled.label",
    description: "settings.options.enabled.description",
  },
  {
    key: "automatic_sync",
    label: "settings.options.automatic_sync.label",
    description: "settings.options.automatic_sync.description",
    whileEnabled: true,
  },
  {
    key: "sync_notes",
    label: "settings.options.sync_notes.label",
    description: "settings.options.sync_notes.description",
  },
  {
    key: "attach_pdf",
    label: "settings.options.attach_pdf.label",
    description: "settings.options.attach_pdf.description",
    whileEnabled: true,
  },
]

const InvoiceConfiguration = () => {
  const { t } = usePluginTranslation()
  const {
    data: settings,
    isLoading,
    isError,
    error,
    refetch,
  } = useSalesforceSettings()
  const update = useUpdateSalesforceSettings()
  const { can } = usePermissions()

  const change = async (key: keyof SalesforceToggles, value: boolean) => {
    try {
      await update.mutateAsync({ [key]: value })
      toast.success(t("settings.saved"))
    } catch (e) {
      toast.error(t("settings.saveError"), {
        description: errorMessage(e),
      })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="invoice-configuration">
      <div className="px-6 py-4">
        <Heading>{t("settings.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.description")}
        </Text>
      </div>
      {isLoading ? (
        <SectionSkeleton rows={3} />
      ) : isError || !settings ? (
        <SectionError
          error={error}
          what={t("what.settings")}
          onRetry={() => void refetch()}
        />
      ) : (
        <>
          {OPTIONS.filter((o) => !o.whileEnabled || settings.enabled).map(
            (option) => {
              const id = `salesforce-${option.key}`
              return (
                <div
                  key={option.key}
                  className="flex items-start justify-between gap-x-6 px-6 py-4"
                >
                  <div className="flex flex-col gap-y-0.5">
                    <Label htmlFor={id} size="small" weight="plus">
                      {t(option.label)}
                    </Label>
                    <Text size="small" className="text-ui-fg-subtle">
                      {t(option.description)}
                    </Text>
                  </div>
                  {can("msi_salesforce:configure") && (
                    <Switch
                      id={id}
                      checked={settings[option.key]}
                      disabled={update.isPending}
                      onCheckedChange={(checked) =>
                        void change(option.key, checked)
                      }
                    />
                  )}
                </div>
              )
            }
          )}
          {update.isError && (
            <div className="px-6 py-4">
              <Alert variant="error">
                {t("settings.saveErrorWith", {
                  message: errorMessage(update.error),
                })}
              </Alert>
            </div>
          )}
        </>
      )}
    </Container>
  )
}

const CONNECTION_BADGE: Record<
  ConnectionStatus,
  { color: "green" | "red" | "grey" | "orange"; label: string }
> = {
  connected: { color: "green", label: "connection.status.connected" },
  failing: { color: "red", label: "connection.status.failing" },
  not_configured: { color: "grey", label: "connection.status.not_configured" },
  unknown: { color: "orange", label: "connection.status.unknown" },
}

const AUTH_FLOW_LABEL: Record<string, string> = {
  client_credentials: "connection.authFlow.client_credentials",
  jwt: "connection.authFlow.jwt",
  refresh_token: "connection.authFlow.refresh_token",
  password: "connection.authFlow.password",
}

const Field = ({
  label,
  children,
}: {
  label: string
  children: React.ReactNode
}) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-start gap-x-4 px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <div className="txt-compact-small min-w-0 break-words">{children}</div>
  </div>
)

const ConnectionSection = () => {
  const {
    data: connection,
    isLoading,
    isError,
    error,
    refetch,
  } = useSalesforceConnection()
  const { t } = usePluginTranslation()
  const test = useTestSalesforceConnection()
  const { can } = usePermissions()
  const badge = connection
    ? (CONNECTION_BADGE[connection.status] ?? CONNECTION_BADGE.unknown)
    : null

  return (
    <Container className="divide-y p-0" data-testid="salesforce-connection">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t("connection.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("connection.description")}
          </Text>
        </div>
        <div className="flex items-center gap-x-3">
          {badge && (
            <StatusBadge color={badge.color} data-testid="connection-status">
              {t(badge.label)}
            </StatusBadge>
          )}
          {connection?.configured && can("msi_salesforce:configure") && (
            <Button
              size="small"
              variant="secondary"
              isLoading={test.isPending}
              onClick={() => test.mutate()}
            >
              {t("connection.test")}
            </Button>
          )}
        </div>
      </div>
      {test.data && (
        <div className="px-6 py-4" data-testid="connection-test-result">
          <Alert variant={test.data.ok ? "success" : "error"}>
            {test.data.message}
          </Alert>
        </div>
      )}
      {test.isError && (
        <div className="px-6 py-4" data-testid="connection-test-result">
          <Alert variant="error">
            {t("connection.testError", { message: errorMessage(test.error) })}
          </Alert>
        </div>
      )}
      {isLoading ? (
        <SectionSkeleton rows={4} />
      ) : isError || !connection ? (
        <SectionError
          error={error}
          what={t("what.connection")}
          onRetry={() => void refetch()}
        />
      ) : !connection.configured ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("connection.notConfigured")}
          </Text>
        </div>
      ) : (
        <ConnectionDetails connection={connection} />
      )}
    </Container>
  )
}

const ConnectionDetails = ({
  connection,
}: {
  connection: SalesforceConnection
}) => {
  const { t } = usePluginTranslation()
  const dash = <span className="text-ui-fg-muted">-</span>
  return (
    <>
      <Field label={t("connection.orgId")}>{connection.org_id ?? dash}</Field>
      <Field label={t("connection.instance")}>
        {connection.instance_url ?? connection.login_url ?? dash}
      </Field>
      <Field label={t("connection.user")}>{connection.username ?? dash}</Field>
      <Field label={t("connection.apiVersion")}>
        {connection.api_version ?? dash}
      </Field>
      <Field label={t("connection.authentication")}>
        {connection.auth_flow
          ? AUTH_FLOW_LABEL[connection.auth_flow]
            ? t(AUTH_FLOW_LABEL[connection.auth_flow])
            : connection.auth_flow
          : dash}
      </Field>
      <Field label={t("connection.usageToday")}>
        {connection.api_usage ? <UsageMeter {...connection.api_usage} /> : dash}
      </Field>
      <Field label={t("connection.lastChecked")}>
        {formatDateTime(connection.checked_at)}
      </Field>
      {connection.paused_until && (
        <Field label={t("connection.pausedUntil")}>
          <span className="text-ui-fg-error">
            {formatDateTime(connection.paused_until)}
          </span>
        </Field>
      )}
      <Field label={t("connection.lastError")}>
        {connection.last_error ? (
          <span
            className="text-ui-fg-error"
            data-testid="connection-last-error"
          >
            {connection.last_error}
          </span>
        ) : (
          <span className="text-ui-fg-muted">{t("connection.none")}</span>
        )}
      </Field>
    </>
  )
}

/** Used / daily limit of Salesforce API requests as a bar that turns orange past 80 % and red past 95 %. */
const UsageMeter = ({ used, limit }: { used: number; limit: number }) => {
  const { t } = usePluginTranslation()
  const ratio = limit > 0 ? Math.min(used / limit, 1) : 0
  const color =
    ratio > 0.95
      ? "bg-ui-tag-red-icon"
      : ratio > 0.8
        ? "bg-ui-tag-orange-icon"
        : "bg-ui-fg-interactive"
  return (
    <div className="flex flex-col gap-y-1.5">
      <div
        role="meter"
        aria-label={t("connection.usage")}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        className="bg-ui-bg-component shadow-borders-base h-2 w-full overflow-hidden rounded-full"
      >
        <div
          className={`${color} h-full rounded-full`}
          style={{ width: `${Math.max(ratio * 100, used > 0 ? 1 : 0)}%` }}
        />
      </div>
      <span>
        {t("connection.usageText", {
          used: formatNumber(used),
          limit: formatNumber(limit),
          percent: new Intl.NumberFormat(adminLocale(), {
            style: "percent",
            maximumFractionDigits: ratio < 0.01 && used > 0 ? 2 : 0,
          }).format(ratio),
        })}
      </span>
    </div>
  )
}

const SyncLogSection = () => {
  const { t } = usePluginTranslation()
  return (
    <Container className="flex items-center justify-between gap-x-6 px-6 py-4">
      <div>
        <Heading level="h2">{t("log.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("settings.logDescription")}
        </Text>
      </div>
      <Button size="small" variant="secondary" asChild>
        <Link to="/invoices/sync-log">{t("settings.openLog")}</Link>
      </Button>
    </Container>
  )
}

// "Salesforce" is a name: the same in every language.
export const config = defineRouteConfig({
  label: "Salesforce",
})

export const handle = {
  breadcrumb: () => "Salesforce",
}

export default SalesforceSettingsPage
