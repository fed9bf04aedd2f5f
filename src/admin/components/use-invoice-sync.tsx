import { toast } from "@medusajs/ui"
import { useBulkSyncInvoices, useSyncInvoice } from "../lib/hooks"
import { errorMessage } from "../lib/format"
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
        toast.success("Invoice synced successfully", {
          description: result.salesforce_id
            ? `${result.number} is Salesforce record ${result.salesforce_id}.`
            : undefined,
        })
      } else if (result.status === "queued") {
        toast.info("Invoice queued for Salesforce", {
          description: `${result.number} is waiting to be sent; the sync log will show the result.`,
        })
      } else {
        toast.error("Failed to sync invoice", {
          description: result.error ?? undefined,
        })
      }
      return result
    } catch (error) {
      toast.error("Failed to sync invoice", {
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
      `Syncing ${invoiceIds.length} ${plural(invoiceIds.length, "invoice")} with Salesforce…`
    )
    try {
      const results = await bulk.mutateAsync({
        ids: invoiceIds,
        onProgress: (done, total) => {
          if (done < total) {
            toast.loading(`Syncing with Salesforce… ${done} of ${total} done`, {
              id: progress,
            })
          }
        },
      })
      toast.dismiss(progress)
      showSummary(results)
      return results
    } catch (error) {
      toast.dismiss(progress)
      toast.error("Sync with Salesforce failed", {
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
  const title = `${synced} synced, ${failed.length} failed${queued ? `, ${queued} queued` : ""}`
  if (!failed.length) {
    toast.success(title, {
      description: `${synced} ${plural(synced, "invoice")} are in Salesforce.`,
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
            {r.error ?? "Unknown error"}
          </li>
        ))}
        {failed.length > listed.length && (
          <li>and {failed.length - listed.length} more (see the sync log)</li>
        )}
      </ul>
    ),
    duration: 10_000,
  })
}

export const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`)
