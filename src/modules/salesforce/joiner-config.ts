import { prefixedJoinerConfig } from "../../utils/prefixed-joiner-config"
import ApiCallDay from "./models/api-call-day"
import BulkJob from "./models/bulk-job"
import CustomerLink from "./models/customer-link"
import InvoiceSync from "./models/invoice-sync"
import SalesforceSettings from "./models/salesforce-settings"
import ScheduledJobClaim from "./models/scheduled-job-claim"
import SyncAttempt from "./models/sync-attempt"
import SyncOutboxEntry from "./models/sync-outbox-entry"
import SyncRun from "./models/sync-run"

export const SALESFORCE_MODULE = "msiSalesforce"

// The service's models under the keys its methods are named after (listSyncRuns, ...); query knows them by
// their model names: msi_invoice_sync, msi_sync_run, ...
export const models = {
  SalesforceSettings,
  InvoiceSync,
  SyncAttempt,
  SyncRun,
  SyncOutboxEntry,
  ScheduledJobClaim,
  CustomerLink,
  ApiCallDay,
  BulkJob,
}

export const joinerConfig = prefixedJoinerConfig(SALESFORCE_MODULE, models)
