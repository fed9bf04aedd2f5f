import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { usePermissions } from "./permissions"
import { usePluginTranslation } from "./i18n"
import { sdk } from "./sdk"
import type {
  BulkSyncResponse,
  CatchUpResponse,
  InvoiceListParams,
  InvoiceListResponse,
  InvoiceResponse,
  Reconciliation,
  SyncHealth,
  SalesforceConnection,
  SalesforceSettings,
  SyncLogParams,
  SyncLogResponse,
  SyncOrdersResponse,
  SyncResult,
  SyncRunDetail,
  SyncRunsResponse,
  SalesforcePreview,
  SalesforceSettingsUpdate,
  SyncAttemptWithDetail,
} from "./types"

export const queryKeys = {
  invoices: ["sf-invoices"] as const,
  invoiceList: (params: InvoiceListParams) =>
    ["sf-invoices", "list", params] as const,
  invoice: (id: string) => ["sf-invoices", "detail", id] as const,
  settings: ["salesforce", "settings"] as const,
  connection: ["salesforce", "connection"] as const,
  syncLog: ["salesforce", "sync-log"] as const,
  syncLogList: (params: SyncLogParams) =>
    ["salesforce", "sync-log", params] as const,
  syncRuns: ["salesforce", "sync-runs"] as const,
  syncRunList: (params: { limit: number; offset: number }) =>
    ["salesforce", "sync-runs", params] as const,
  syncRun: (id: string) => ["salesforce", "sync-runs", "detail", id] as const,
  syncHealth: ["salesforce", "sync-log", "health"] as const,
  attempt: (id: string) => ["salesforce", "sync-log", "attempt", id] as const,
  preview: (id: string) => ["sf-invoices", "preview", id] as const,
  reconciliation: (range: { from: string; to: string }) =>
    ["salesforce", "reconciliation", range] as const,
}

// ---- reads -------------------------------------------------------------------------------------------------------

export function useInvoices(
  params: InvoiceListParams,
  options: { enabled?: boolean } = {}
) {
  return useQuery({
    queryKey: queryKeys.invoiceList(params),
    queryFn: () =>
      sdk.client.fetch<InvoiceListResponse>("/admin/invoices", {
        query: params,
      }),
    placeholderData: keepPreviousData,
    ...options,
  })
}

export function useInvoice(id: string) {
  return useQuery({
    queryKey: queryKeys.invoice(id),
    queryFn: () => sdk.client.fetch<InvoiceResponse>(`/admin/invoices/${id}`),
  })
}

export function useSalesforceSettings() {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: () =>
      sdk.client.fetch<{ settings: SalesforceSettings }>(
        "/admin/salesforce/settings"
      ),
    select: (data) => data.settings,
    // A 404 means the sync engine is not deployed: nothing to retry.
    retry: false,
  })
}

/** One attempt with what it sent and what Salesforce answered (the attempt viewer). */
export function useSyncAttempt(id: string | null) {
  return useQuery({
    queryKey: queryKeys.attempt(id ?? ""),
    queryFn: () =>
      sdk.client.fetch<{ attempt: SyncAttemptWithDetail }>(
        `/admin/salesforce/sync-log/${id}`
      ),
    select: (data) => data.attempt,
    enabled: !!id,
    retry: false,
  })
}

/** What a sync of the invoice would send now; asked for when the drawer opens, never cached for long. */
export function useSalesforcePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.preview(id),
    queryFn: () =>
      sdk.client.fetch<{ preview: SalesforcePreview }>(
        `/admin/invoices/${id}/salesforce-preview`
      ),
    select: (data) => data.preview,
    enabled,
    staleTime: 0,
    retry: false,
  })
}

/**
 * Whether the "Sync with Salesforce" controls may be in the page at all. They stay out of the DOM while the
 * settings load, fail to load, or say synchronization is off (merchants expect them hidden, not disabled), and
 * for a user whose role may not sync.
 */
export function useSyncEnabled() {
  const { data } = useSalesforceSettings()
  const { can } = usePermissions()
  return data?.enabled === true && can("msi_salesforce:sync")
}

export function useSalesforceConnection() {
  return useQuery({
    queryKey: queryKeys.connection,
    queryFn: () =>
      sdk.client.fetch<{ connection: SalesforceConnection }>(
        "/admin/salesforce/connection"
      ),
    select: (data) => data.connection,
    retry: false,
  })
}

export function useSyncLog(
  params: SyncLogParams,
  options: { enabled?: boolean } = {}
) {
  return useQuery({
    queryKey: queryKeys.syncLogList(params),
    queryFn: () =>
      sdk.client.fetch<SyncLogResponse>("/admin/salesforce/sync-log", {
        query: params,
      }),
    placeholderData: keepPreviousData,
    retry: false,
    ...options,
  })
}

export function useSyncRuns(params: { limit: number; offset: number }) {
  return useQuery({
    queryKey: queryKeys.syncRunList(params),
    queryFn: () =>
      sdk.client.fetch<SyncRunsResponse>("/admin/salesforce/sync-runs", {
        query: params,
      }),
    placeholderData: keepPreviousData,
    retry: false,
  })
}

/** How often a run still under way is asked for its progress. */
const RUN_POLL_MS = 1000

/** One run; with `follow`, polled until it has finished. */
export function useSyncRun(
  id: string,
  {
    follow = false,
    enabled = true,
  }: { follow?: boolean; enabled?: boolean } = {}
) {
  return useQuery({
    queryKey: queryKeys.syncRun(id),
    queryFn: () =>
      sdk.client.fetch<{ run: SyncRunDetail }>(
        `/admin/salesforce/sync-runs/${id}`
      ),
    select: (data) => data.run,
    retry: false,
    enabled,
    refetchInterval: (query) =>
      follow && !query.state.data?.run.finished_at ? RUN_POLL_MS : false,
  })
}

/** Synced and failed per day and the backlog; under the sync log's key, so every sync refreshes it. */
export function useSyncHealth() {
  return useQuery({
    queryKey: queryKeys.syncHealth,
    queryFn: () =>
      sdk.client.fetch<{ health: SyncHealth }>("/admin/salesforce/sync-health"),
    select: (data) => data.health,
    retry: false,
  })
}

/** Medusa against Salesforce over a period; each check reads Salesforce, so it does not refetch on focus. */
export function useReconciliation(range: { from: string; to: string }) {
  return useQuery({
    queryKey: queryKeys.reconciliation(range),
    queryFn: () =>
      sdk.client.fetch<{ reconciliation: Reconciliation }>(
        "/admin/salesforce/reconciliation",
        { query: range }
      ),
    select: (data) => data.reconciliation,
    retry: false,
    refetchOnWindowFocus: false,
  })
}

// ---- writes ------------------------------------------------------------------------------------------------------

/** After any sync the invoices, the log and the runs may all have changed. */
export function useInvalidateSyncData() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.invoices }),
      queryClient.invalidateQueries({ queryKey: queryKeys.syncLog }),
      queryClient.invalidateQueries({ queryKey: queryKeys.syncRuns }),
      queryClient.invalidateQueries({ queryKey: queryKeys.connection }),
    ])
}

export function useUpdateSalesforceSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SalesforceSettingsUpdate) =>
      sdk.client.fetch<{ settings: SalesforceSettings }>(
        "/admin/salesforce/settings",
        { method: "POST", body }
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.settings, data)
    },
  })
}

export function useTestSalesforceConnection() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{
        ok: boolean
        message: string
        connection: SalesforceConnection
      }>("/admin/salesforce/connection/test", { method: "POST" }),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.connection, {
        connection: data.connection,
      })
    },
  })
}

export function useSyncInvoice() {
  const invalidate = useInvalidateSyncData()
  return useMutation({
    mutationFn: ({
      id,
      trigger = "manual",
    }: {
      id: string
      trigger?: "manual" | "retry"
    }) =>
      sdk.client.fetch<{ result: SyncResult }>(
        `/admin/invoices/${id}/salesforce-sync`,
        {
          method: "POST",
          body: { trigger },
        }
      ),
    onSettled: invalidate,
  })
}

/** The bulk route takes up to 500 ids a call; larger selections go in several calls so progress can be shown. */
const BULK_CHUNK = 100

export function useBulkSyncInvoices() {
  const invalidate = useInvalidateSyncData()
  return useMutation({
    mutationFn: async ({
      ids,
      onProgress,
    }: {
      ids: string[]
      onProgress?: (done: number, total: number) => void
    }): Promise<SyncResult[]> => {
      const results: SyncResult[] = []
      for (let i = 0; i < ids.length; i += BULK_CHUNK) {
        const chunk = ids.slice(i, i + BULK_CHUNK)
        const response = await sdk.client.fetch<BulkSyncResponse>(
          "/admin/invoices/salesforce-sync",
          {
            method: "POST",
            body: { invoice_ids: chunk },
          }
        )
        results.push(...response.results)
        onProgress?.(Math.min(i + chunk.length, ids.length), ids.length)
      }
      return results
    },
    onSettled: invalidate,
  })
}

export function useSyncOrders() {
  const invalidate = useInvalidateSyncData()
  return useMutation({
    mutationFn: (orderNumbers: string[]) =>
      sdk.client.fetch<SyncOrdersResponse>("/admin/salesforce/sync-orders", {
        method: "POST",
        body: { order_numbers: orderNumbers },
      }),
    onSettled: invalidate,
  })
}

export function useCatchUp() {
  const invalidate = useInvalidateSyncData()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<CatchUpResponse>("/admin/salesforce/catch-up", {
        method: "POST",
      }),
    onSettled: invalidate,
  })
}

export function useAddInvoiceComment(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (text: string) =>
      sdk.client.fetch<InvoiceResponse>(`/admin/invoices/${id}/comments`, {
        method: "POST",
        body: { text },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.invoice(id), data)
      return queryClient.invalidateQueries({ queryKey: queryKeys.invoices })
    },
  })
}

export function useCreateInvoice() {
  const invalidate = useInvalidateSyncData()
  return useMutation({
    mutationFn: (orderId: string) =>
      sdk.client.fetch<InvoiceResponse>("/admin/invoices", {
        method: "POST",
        body: { order_id: orderId },
      }),
    onSettled: invalidate,
  })
}

/** Downloads the failed records of the sync log as CSV (all of them, one run's, or one reason's). */
export async function downloadFailedRecordsCsv(params: {
  run_id?: string
  reason?: string
}) {
  const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v))
  // With an accept header other than JSON the js-sdk hands back the raw Response (and still throws on non-2xx).
  const response = await sdk.client.fetch<Response>(
    "/admin/salesforce/sync-log/export",
    {
      query,
      headers: { accept: "text/csv" },
    }
  )
  const blob = await response.blob()
  const disposition = response.headers.get("content-disposition") ?? ""
  const filename =
    /filename="?([^";]+)"?/.exec(disposition)?.[1] ??
    "salesforce-sync-failures.csv"
  const url = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * Downloads an invoice's PDF under the file name the API gives (its number). Resolves to the characters the
 * PDF's fonts could not show, if any, so the caller can warn.
 */
export async function downloadInvoicePdf(invoiceId: string) {
  const response = await sdk.client.fetch<Response>(
    `/admin/invoices/${invoiceId}/pdf`,
    { headers: { accept: "application/pdf" } }
  )
  const blob = await response.blob()
  const disposition = response.headers.get("content-disposition") ?? ""
  const filename =
    /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${invoiceId}.pdf`
  const url = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return {
    filename,
    missingGlyphs: response.headers.get("x-invoice-pdf-missing-glyphs"),
  }
}

/** The admin who started a sync, by name or email; runs and attempts record only the user id. */
export function useUserLabel(userId: string | null | undefined) {
  const { t } = usePluginTranslation()
  const { data } = useQuery({
    queryKey: ["sf-user", userId],
    queryFn: () =>
      sdk.admin.user.retrieve(userId!, {
        fields: "id,email,first_name,last_name",
      }),
    enabled: !!userId && userId.startsWith("user_"),
    staleTime: Infinity,
    retry: false,
  })
  if (!userId) {
    return t("user.system")
  }
  const user = data?.user
  if (!user) {
    return userId.startsWith("user_") ? t("user.anAdmin") : userId
  }
  return (
    [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email
  )
}
