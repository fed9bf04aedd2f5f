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
import { translate, usePluginTranslation } from "../../../lib/i18n"

/** The invoice sync log (seeds 000 and 001), the sync runs (seed 002) and the reconciliation with Salesforce. */
const SyncLogPage = () => {
  const { t } = usePluginTranslation()
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
          {t("log.disabledNote")}
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
          <Tabs.Trigger value="log">{t("menu.syncLog")}</Tabs.Trigger>
          <Tabs.Trigger value="runs">{t("tabs.runs")}</Tabs.Trigger>
          <Tabs.Trigger value="reconciliation">
            {t("tabs.reconciliation")}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="log" className="mt-3 flex flex-col gap-y-3">
          <SyncHealthPanel />
          <Container className="divide-y p-0">
            <SyncLogTable
              heading={
                <div>
                  <Heading>{t("log.title")}</Heading>
                  <Text size="small" className="text-ui-fg-subtle">
                    {t("log.description")}
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
                  <Heading>{t("runs.title")}</Heading>
                  <Text size="small" className="text-ui-fg-subtle">
                    {t("runs.description")}
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
  const { t } = usePluginTranslation()
  const catchUp = useCatchUp()
  return (
    <Container className="divide-y p-0" data-testid="catch-up">
      <div className="flex items-center justify-between gap-x-6 px-6 py-4">
        <div>
          <Heading level="h2">{t("catchUp.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("catchUp.description")}
          </Text>
        </div>
        <Button
          size="small"
          variant="secondary"
          isLoading={catchUp.isPending}
          onClick={() => catchUp.mutate()}
        >
          {t("catchUp.button")}
        </Button>
      </div>
      {catchUp.isPending && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("catchUp.looking")}
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
                {t("catchUp.nothing")}
              </Alert>
            </div>
          )}
        </div>
      )}
      {catchUp.isError && (
        <div className="px-6 py-4" data-testid="catch-up-result">
          <Alert variant="error">
            {t("catchUp.failed", { message: errorMessage(catchUp.error) })}
          </Alert>
        </div>
      )}
    </Container>
  )
}

export const handle = {
  breadcrumb: () => translate("menu.syncLog"),
}

export default SyncLogPage
