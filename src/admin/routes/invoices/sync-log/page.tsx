import { Alert, Button, Container, Heading, Tabs, Text } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { DownloadFailedButton } from "../../../components/download-failed-button"
import { RunProgress } from "../../../components/run-progress"
import { ReconciliationPanel } from "../../../components/reconciliation-panel"
import { SyncHealthPanel } from "../../../components/sync-health"
import { SyncLogTable } from "../../../components/sync-log-table"
import { SyncPausedBanner } from "../../../components/sync-paused-banner"
import { SyncNewOrderDrawer } from "../../../components/sync-new-order-drawer"
import { SyncRunsTable } from "../../../components/sync-runs-table"
import { errorMessage } from "../../../lib/format"
import {
  useCatchUp,
  useSalesforceSettings,
  useSyncEnabled,
} from "../../../lib/hooks"

/** The invoice sync log (seeds 000 and 001), the sync runs (seed 002) and the reconciliation with Salesforce. */
const SyncLogPage = () => {
  const [searchParams, setSearchParams] = useSearchParams()
  const requested = searchParams.get("tab")
  const tab =
    requested === "runs" || requested === "reconciliation" ? requested : "log"
  const syncEnabled = useSyncEnabled()
  const settings = useSalesforceSettings()

  return (
    <div className="flex flex-col gap-y-3">
      {settings.data && !settings.data.enabled && (
        <Alert variant="info" data-testid="sync-disabled-note">
          Invoice synchronization is turned off in Settings &gt; Salesforce. The
          log stays available; syncing and retries are hidden until it is turned
          on again.
        </Alert>
      )}
      <SyncPausedBanner pause={settings.data?.pause} />
      {syncEnabled && <CatchUp />}
      <Tabs
        value={tab}
        onValueChange={(value) =>
          setSearchParams(value === "log" ? {} : { tab: value })
        }
      >
        <Tabs.List>
          <Tabs.Trigger value="log">Sync log</Tabs.Trigger>
          <Tabs.Trigger value="runs">Runs</Tabs.Trigger>
          <Tabs.Trigger value="reconciliation">Reconciliation</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="log" className="mt-3 flex flex-col gap-y-3">
          <SyncHealthPanel />
          <Container className="divide-y p-0">
            <SyncLogTable
              heading={
                <div>
                  <Heading>Invoice Sync Log</Heading>
                  <Text size="small" className="text-ui-fg-subtle">
                    Every invoice sent to Salesforce, newest first, with the
                    reason when it failed.
                  </Text>
                </div>
              }
              actions={
                <>
                  <DownloadFailedButton />
                  {syncEnabled && <SyncNewOrderDrawer />}
                </>
              }
            />
          </Container>
        </Tabs.Content>
        <Tabs.Content value="runs" className="mt-3">
          <Container className="divide-y p-0">
            <SyncRunsTable
              heading={
                <div>
                  <Heading>Sync runs</Heading>
                  <Text size="small" className="text-ui-fg-subtle">
                    Each sync with its counts. Open a run to see its failures
                    grouped by reason.
                  </Text>
                </div>
              }
            />
          </Container>
        </Tabs.Content>
        <Tabs.Content value="reconciliation" className="mt-3">
          {tab === "reconciliation" && <ReconciliationPanel />}
        </Tabs.Content>
      </Tabs>
    </div>
  )
}

/** Seed 004's catch-up: queue every invoice that should be in Salesforce and is not, and follow the run. */
const CatchUp = () => {
  const catchUp = useCatchUp()
  return (
    <Container className="divide-y p-0" data-testid="catch-up">
      <div className="flex items-center justify-between gap-x-6 px-6 py-4">
        <div>
          <Heading level="h2">Missing invoices</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Finds invoices that never reached Salesforce, failed, or changed
            since, and syncs them. This also runs on a schedule.
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          isLoading={catchUp.isPending}
          onClick={() => catchUp.mutate()}
        >
          Sync missing invoices
        </Button>
      </div>
      {catchUp.isPending && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            Looking for missing invoices…
          </Text>
        </div>
      )}
      {catchUp.data && (
        <div className="px-6 py-4">
          {catchUp.data.run_id ? (
            <RunProgress
              key={catchUp.data.run_id}
              runId={catchUp.data.run_id}
            />
          ) : (
            <div data-testid="catch-up-result">
              <Alert variant="success" dismissible>
                Nothing to do: every invoice is in Salesforce.
              </Alert>
            </div>
          )}
        </div>
      )}
      {catchUp.isError && (
        <div className="px-6 py-4" data-testid="catch-up-result">
          <Alert variant="error">
            Catch-up failed: {errorMessage(catchUp.error)}
          </Alert>
        </div>
      )}
    </Container>
  )
}

export const handle = {
  breadcrumb: () => "Sync log",
}

export default SyncLogPage
