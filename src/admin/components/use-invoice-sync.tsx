import { toast } from "@medusajs/ui"
import { useBulkSyncInvoices, useSyncInvoice } from "../lib/hooks"
import { errorMessage, formatNumber } from "../lib/format"
import { translate } from "../lib/i18n"
import type { SyncResult } from "../lib/types"

/** How many failures the summary toast lists by name before it says "and n more". */
const LISTED_FAILURES = 5

/** One invoice, or a selection of them, to Salesforce, with the toasts merchants expect. */
export function useInvoiceSync() {
  const single = useSyncInvoice()
  const bulk = useBulkSyncInvoices()

  const syncOne = async (
    invoiceId: string,
    trigger: "manual" | "retry" = "manual"
  ) => {
    try {
      const { result } = await single.mutateAsync({ id: invoiceId, trigger })
      if (result.status === "synced") {
        toast.success(translate("sync.syncedTitle"), {
          description: result.salesforce_id
            ? translate("sync.syncedDescription", {
                number: result.number,
                salesforceId: result.salesforce_id,
              })
            : undefined,
        })
      } else if (result.status === "queued") {
        toast.info(translate("sync.queuedTitle"), {
          description: translate("sync.queuedDescription", {
            number: result.number,
          }),
        })
      } else {
        toast.error(translate("sync.failedTitle"), {
          description: result.error ?? undefined,
        })
      }
      return result
    } catch (error) {
      toast.error(translate("sync.failedTitle"), {
        description: errorMessage(error),
      })
      return null
    }
  }

  const syncMany = async (invoiceIds: string[]) => {
    if (!invoiceIds.length) {
      return null
    }
    const progress = toast.loading(
      translate("sync.bulkStarting", {
        n: formatNumber(invoiceIds.length),
      })
    )
    try {
      const results = await bulk.mutateAsync({
        ids: invoiceIds,
        onProgress: (done, total) => {
          if (done < total) {
            toast.loading(
              translate("sync.bulkProgress", {
                done: formatNumber(done),
                total: formatNumber(total),
              }),
              { id: progress }
            )
          }
        },
      })
      toast.dismiss(progress)
      showSummary(results)
      return results
    } catch (error) {
      toast.dismiss(progress)
      toast.error(translate("sync.bulkFailed"), {
        description: errorMessage(error),
      })
      return null
    }
  }

  return { syncOne, syncMany, isPending: single.isPending || bulk.isPending }
}

function showSummary(results: SyncResult[]) {
  const synced = results.filter((r) => r.status === "synced").length
  const failed = results.filter((r) => r.status === "failed")
  const queued = results.filter((r) => r.status === "queued").length
  const counts = {
    synced: formatNumber(synced),
    failed: formatNumber(failed.length),
    queued: formatNumber(queued),
  }
  const title = translate(
    queued ? "sync.summaryWithQueued" : "sync.summary",
    counts
  )
  if (!failed.length) {
    toast.success(title, {
      description: translate("sync.summaryInSalesforce", counts),
    })
    return
  }
  const listed = failed.slice(0, LISTED_FAILURES)
  toast.error(title, {
    description: (
      <ul className="flex flex-col gap-y-1" data-testid="sync-failures">
        {listed.map((r) => (
          <li key={r.invoice_id}>
            <span className="font-medium">{r.number}</span>:{" "}
            {r.error ?? translate("sync.unknownError")}
          </li>
        ))}
        {failed.length > listed.length && (
          <li>
            {translate("sync.andMore", {
              n: formatNumber(failed.length - listed.length),
            })}
          </li>
        )}
      </ul>
    ),
    duration: 10_000,
  })
}
