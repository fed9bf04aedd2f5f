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
import { errorMessage, formatDateTime } from "../../../lib/format"
import {
  useSalesforceConnection,
  useSalesforceSettings,
  useTestSalesforceConnection,
  useUpdateSalesforceSettings,
} from "../../../lib/hooks"
import { usePermissions } from "../../../lib/permissions"
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
  label: string
  description: string
  /** Shown only while sync is enabled: it has no effect otherwise. */
  whileEnabled?: boolean
}[] = [
  {
    key: "enabled",
    label: "Enable Invoice Synchronization",
    description:
      "Turns invoice sync to Salesforce on or off. While off, nothing is sent and sync buttons are hidden.",
  },
  {
    key: "automatic_sync",
    label: "Enable Automatic Synchronization",
    description:
      "Sends each new invoice or credit note as soon as it is issued. When off, sync them manually.",
    whileEnabled: true,
  },
  {
    key: "sync_notes",
    label: "Synchronize Notes",
    description: "Attaches the invoice's comments to its notes in Salesforce.",
  },
  {
    key: "attach_pdf",
    label: "Attach PDF",
    description:
      "Files each synced invoice's and credit note's PDF on its Salesforce record, once per version of the document.",
    whileEnabled: true,
  },
]

const InvoiceConfiguration = () => {
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
      toast.success("Settings saved")
    } catch (e) {
      toast.error("Could not save the settings", {
        description: errorMessage(e),
      })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="invoice-configuration">
      <div className="px-6 py-4">
        <Heading>Invoice Configuration</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          How invoices and credit notes reach Salesforce.
        </Text>
      </div>
      {isLoading ? (
        <SectionSkeleton rows={3} />
      ) : isError || !settings ? (
        <SectionError
          error={error}
          what="the settings"
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
                      {option.label}
                    </Label>
                    <Text size="small" className="text-ui-fg-subtle">
                      {option.description}
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
                Could not save the settings: {errorMessage(update.error)}
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
  connected: { color: "green", label: "Connected" },
  failing: { color: "red", label: "Failing" },
  not_configured: { color: "grey", label: "Not configured" },
  unknown: { color: "orange", label: "Not checked yet" },
}

const AUTH_FLOW_LABEL: Record<string, string> = {
  client_credentials: "Client credentials",
  jwt: "JWT bearer",
  refresh_token: "Refresh token",
  password: "Username and password",
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
  const test = useTestSalesforceConnection()
  const { can } = usePermissions()
  const badge = connection
    ? (CONNECTION_BADGE[connection.status] ?? CONNECTION_BADGE.unknown)
    : null

  return (
    <Container className="divide-y p-0" data-testid="salesforce-connection">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Connection</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Credentials come from the server's environment and are never shown
            here.
          </Text>
        </div>
        <div className="flex items-center gap-x-3">
          {badge && (
            <StatusBadge color={badge.color} data-testid="connection-status">
              {badge.label}
            </StatusBadge>
          )}
          {connection?.configured && can("msi_salesforce:configure") && (
            <Button
              size="small"
              variant="secondary"
              isLoading={test.isPending}
              onClick={() => test.mutate()}
            >
              Test connection
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
            The test could not run: {errorMessage(test.error)}
          </Alert>
        </div>
      )}
      {isLoading ? (
        <SectionSkeleton rows={4} />
      ) : isError || !connection ? (
        <SectionError
          error={error}
          what="the connection"
          onRetry={() => void refetch()}
        />
      ) : !connection.configured ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            No Salesforce org is configured. Set SALESFORCE_LOGIN_URL,
            SALESFORCE_AUTH_FLOW and the credentials of your connected app in
            the server's environment, then restart the server.
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
  const dash = <span className="text-ui-fg-muted">-</span>
  return (
    <>
      <Field label="Organization ID">{connection.org_id ?? dash}</Field>
      <Field label="Instance">
        {connection.instance_url ?? connection.login_url ?? dash}
      </Field>
      <Field label="Integration user">{connection.username ?? dash}</Field>
      <Field label="API version">{connection.api_version ?? dash}</Field>
      <Field label="Authentication">
        {connection.auth_flow
          ? (AUTH_FLOW_LABEL[connection.auth_flow] ?? connection.auth_flow)
          : dash}
      </Field>
      <Field label="API usage today">
        {connection.api_usage ? <UsageMeter {...connection.api_usage} /> : dash}
      </Field>
      <Field label="Last checked">
        {formatDateTime(connection.checked_at)}
      </Field>
      {connection.paused_until && (
        <Field label="Paused until">
          <span className="text-ui-fg-error">
            {formatDateTime(connection.paused_until)}
          </span>
        </Field>
      )}
      <Field label="Last error">
        {connection.last_error ? (
          <span
            className="text-ui-fg-error"
            data-testid="connection-last-error"
          >
            {connection.last_error}
          </span>
        ) : (
          <span className="text-ui-fg-muted">None</span>
        )}
      </Field>
    </>
  )
}

/** Used / daily limit of Salesforce API requests as a bar that turns orange past 80 % and red past 95 %. */
const UsageMeter = ({ used, limit }: { used: number; limit: number }) => {
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
        aria-label="API usage"
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
        {used.toLocaleString()} of {limit.toLocaleString()} requests (
        {(ratio * 100).toFixed(ratio < 0.01 && used > 0 ? 2 : 0)} %)
      </span>
    </div>
  )
}

const SyncLogSection = () => (
  <Container className="flex items-center justify-between gap-x-6 px-6 py-4">
    <div>
      <Heading level="h2">Invoice Sync Log</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Every sync attempt with its result and failure reason; retry failures
        and sync orders by number.
      </Text>
    </div>
    <Button size="small" variant="secondary" asChild>
      <Link to="/invoices/sync-log">Open sync log</Link>
    </Button>
  </Container>
)

export const config = defineRouteConfig({
  label: "Salesforce",
})

export const handle = {
  breadcrumb: () => "Salesforce",
}

export default SalesforceSettingsPage
