// Response shapes of our admin API (issues 3 and 5). Kept in one place so a contract change shows up as a type error.

export type InvoiceType = "invoice" | "credit_note"
export type SyncStatus = "not_synced" | "synced" | "failed" | "outdated"

export type Invoice = {
  id: string
  number: string
  type: InvoiceType
  order_id: string
  order_display_id: number | null
  customer_id: string | null
  customer_email: string | null
  customer_name: string | null
  currency_code: string
  subtotal: number
  discount_total: number
  shipping_total: number
  tax_total: number
  total: number
  issued_at: string
  original_invoice_id: string | null
  created_at: string
  // Issue 5: absent until the sync engine is deployed, hence optional.
  salesforce_id?: string | null
  salesforce_url?: string | null
  sync_status?: SyncStatus
  sync_error?: string | null
  /** What to change, and where, when the last sync failed. */
  sync_hint?: string | null
}

export type InvoiceLine = {
  id: string
  /** Shipping is a line of the document too. */
  kind: "item" | "shipping"
  title: string
  sku: string | null
  quantity: number
  unit_price: number
  discount_total: number
  tax_total: number
  total: number
}

export type InvoiceComment = {
  id: string
  text: string
  author_name: string | null
  created_at: string
}

export type InvoiceDetail = Invoice & {
  lines: InvoiceLine[]
  comments: InvoiceComment[]
  order: {
    id: string
    display_id: number
    status: string
    email: string | null
  } | null
}

/** `count_capped`: there are at least `count` rows (lists stop counting 1,000 rows past the page). */
export type ListResponse = {
  count: number
  count_capped?: boolean
  offset: number
  limit: number
}
export type InvoiceListResponse = ListResponse & { invoices: Invoice[] }
export type InvoiceResponse = { invoice: InvoiceDetail }

export type InvoiceListParams = {
  limit?: number
  offset?: number
  q?: string
  type?: InvoiceType
  sync_status?: SyncStatus
  order_id?: string
  order?: string
  created_at?: { $gte?: string; $lte?: string; $gt?: string; $lt?: string }
}

export type SalesforceToggles = {
  enabled: boolean
  automatic_sync: boolean
  sync_notes: boolean
  attach_pdf: boolean
}

/** Why syncing is paused: the org's daily limit (Salesforce refused), or our own API budget. */
export type SyncPause = {
  kind: "daily_limit" | "api_budget"
  reason: string
  until: string | null
  /** False while a budget pause is being rechecked. */
  active: boolean
}

/** The org's usage as Salesforce last reported it, the budget's ceiling, and the calls this store made today. */
export type ApiUsageSummary = {
  used: number
  limit: number
  budget: number
  budget_reached: boolean
  reported_at: string | null
  calls_today_by_store: number
}

export type SalesforceSettings = SalesforceToggles & {
  api_budget_percent: number
  api_usage: ApiUsageSummary | null
  pause: SyncPause | null
}

export type SalesforceSettingsUpdate = Partial<SalesforceToggles> & {
  api_budget_percent?: number
}

export type ConnectionStatus =
  "connected" | "failing" | "not_configured" | "unknown"

export type SalesforceConnection = {
  configured: boolean
  status: ConnectionStatus
  login_url: string | null
  instance_url: string | null
  org_id: string | null
  username: string | null
  api_version: string | null
  auth_flow: string | null
  api_usage: { used: number; limit: number } | null
  last_error: string | null
  checked_at: string | null
  paused_until: string | null
}

export type SyncResult = {
  invoice_id: string
  number: string
  /** queued: not sent within the request's wait; it stays in the outbox and is sent. */
  status: "synced" | "failed" | "queued"
  salesforce_id: string | null
  salesforce_url: string | null
  error: string | null
  /** e.g. that a Retry went past the API budget. */
  note?: string | null
}

export type BulkSyncResponse = { run_id: string; results: SyncResult[] }

export type OrderSyncStatus =
  "synced" | "already_synced" | "failed" | "not_found"

export type OrderSyncResult = {
  order_number: string
  status: OrderSyncStatus
  message: string | null
  invoices: SyncResult[]
}

export type SyncOrdersResponse = { run_id: string; results: OrderSyncResult[] }

/** The catch-up answers at once: the run's progress tells the rest. */
export type CatchUpResponse = {
  run_id: string | null
  found: number
}

export type SyncTrigger =
  "automatic" | "manual" | "bulk" | "order_numbers" | "retry" | "catch_up"

export type SyncAttempt = {
  id: string
  invoice_id: string
  invoice_number: string
  order_id: string | null
  order_display_id: number | null
  document_type: InvoiceType
  amount: number
  currency_code: string
  status: "synced" | "failed"
  error_code: string | null
  error_message: string | null
  /** What to change, and where, for a failure. */
  hint: string | null
  trigger: SyncTrigger
  run_id: string | null
  started_by: string | null
  duration_ms: number | null
  salesforce_id: string | null
  salesforce_url: string | null
  /** e.g. that a Retry went past the API budget. */
  note?: string | null
  created_at: string
}

export type SyncLogResponse = ListResponse & {
  attempts: SyncAttempt[]
  sync_paused?: SyncPause | null
}

export type RecordAnswer =
  | {
      success: boolean
      id?: string | null
      created?: boolean
      errors: { statusCode: string; message: string; fields: string[] }[]
    }
  | { error_code: string; message: string }

/** What one attempt sent for its document and what Salesforce answered (GET /admin/salesforce/sync-log/:id). */
export type AttemptDetail = {
  calls: { endpoint: string; duration_ms: number; error?: string }[]
  records: {
    object: string
    endpoint: string
    external_id_field: string
    external_id: string
    fields: Record<string, unknown>
    answer?: RecordAnswer
    call?: number
    tries?: number
  }[]
  lookups?: { endpoint: string; call: number; found: number }[]
  deletions?: {
    object: string
    id: string
    call: number
    answer?: RecordAnswer
  }[]
  truncated?: { original_bytes: number; omitted_records: number }
}

export type SyncAttemptWithDetail = SyncAttempt & {
  detail: AttemptDetail | null
}

/** What a sync would send now (GET /admin/invoices/:id/salesforce-preview). */
export type SalesforcePreview = {
  invoice_id: string
  number: string
  customer: {
    email: string | null
    match: "linked" | "found" | "create" | "none"
    contact_id: string | null
    account_id: string | null
    external_id: string | null
    looked_up: boolean
  }
  records: {
    object: string
    endpoint: string
    external_id_field: string
    external_id: string
    fields: Record<string, unknown>
    requires: { object: string; key: string }[]
  }[]
  deletions: { object: string; id: string }[]
  api_calls: number
}

export type SyncLogParams = {
  limit?: number
  offset?: number
  status?: "synced" | "failed"
  type?: InvoiceType
  trigger?: SyncTrigger
  run_id?: string
  invoice_id?: string
  q?: string
  created_at?: { $gte?: string; $lte?: string }
  all_attempts?: boolean
}

export type SyncRun = {
  id: string
  trigger: SyncTrigger
  started_by: string | null
  status: string
  total: number
  synced: number
  failed: number
  skipped: number
  created_at: string
  finished_at: string | null
}

/** Where a run stands: queued in the outbox, being sent by a drain, sent (synced + failed). */
export type SyncRunProgress = {
  total: number
  queued: number
  sending: number
  sent: number
  synced: number
  failed: number
}

export type SyncRunDetail = SyncRun & {
  progress: SyncRunProgress
  /** Why the run's documents wait, while they do. */
  paused?: SyncPause | null
  failures_by_reason: {
    reason: string
    error_code: string | null
    hint: string | null
    count: number
  }[]
}

export type SyncRunsResponse = ListResponse & { runs: SyncRun[] }

export type SideTotals = {
  invoices: { count: number; total: number }
  credit_notes: { count: number; total: number }
}

export type ReconciledDay = {
  date: string
  currency: string
  medusa: SideTotals
  salesforce: SideTotals
  status: "agree" | "differ"
}

export type DifferenceKind =
  | "missing_in_salesforce"
  | "total_differs"
  | "unknown_to_medusa"
  | "deleted_in_salesforce"

export type DocumentDifference = {
  kind: DifferenceKind
  date: string
  currency: string
  document_type: InvoiceType | null
  invoice_id: string | null
  number: string | null
  medusa_total: number | null
  salesforce_total: number | null
  salesforce_id: string | null
  in_recycle_bin?: boolean
  fixable: boolean
}

export type Reconciliation = {
  from: string
  to: string
  days: ReconciledDay[]
  documents: DocumentDifference[]
  salesforce_queries: number
}

export type SyncHealth = {
  days: { date: string; synced: number; failed: number }[]
  backlog: {
    /** Documents waiting in the outbox. */
    queued: number
    not_synced: number
    failed: number
    outdated: number
    total: number
  }
}
