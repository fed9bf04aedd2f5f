/**
 * `npm run bench:reconciliation`: a 92-day reconciliation of the demo store (the seed of `npm run dev`) against
 * the emulator, before and after its documents are in Salesforce. Prints the SOQL queries each makes (the API's
 * own count, and the emulator's query requests) and how long each took.
 */
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startStack,
} from "../integration-tests/browser/harness"

const DAY = 86_400_000

async function main() {
  const stack = await startStack()
  try {
    const { token } = (await (
      await fetch(`${stack.baseUrl}/auth/user/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
      })
    ).json()) as { token: string }
    const call = async <T>(method: string, path: string, body?: unknown) => {
      const res = await fetch(`${stack.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (!res.ok)
        throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return (await res.json()) as T
    }
    const to = new Date().toISOString().slice(0, 10)
    const from = new Date(Date.now() - 91 * DAY).toISOString().slice(0, 10)
    const reconcile = async (label: string) => {
      stack.emulator.resetRequestLog()
      const started = performance.now()
      const { reconciliation } = await call<{
        reconciliation: {
          days: { status: string }[]
          documents: unknown[]
          salesforce_queries: number
        }
      }>("GET", `/admin/salesforce/reconciliation?from=${from}&to=${to}`)
      const ms = performance.now() - started
      const queries = stack.emulator
        .requestLog()
        .entries.filter((e) => /^GET \/query/.test(e.endpoint)).length
      console.log(
        `${label}: ${from}..${to} (92 days), ${reconciliation.days.length} day/currency rows, ` +
          `${reconciliation.documents.length} differing documents, ${reconciliation.salesforce_queries} SOQL queries ` +
          `(emulator saw ${queries}), ${ms.toFixed(0)} ms`
      )
    }
    await call("POST", "/admin/salesforce/settings", { enabled: true })
    await reconcile("nothing in Salesforce yet")
    const { invoices } = await call<{ invoices: { id: string }[] }>(
      "GET",
      "/admin/invoices?limit=100"
    )
    await call("POST", "/admin/invoices/salesforce-sync", {
      invoice_ids: invoices.map((i) => i.id),
    })
    await reconcile(`after syncing all ${invoices.length} documents`)
    await reconcile("again (warm)")
  } finally {
    await stack.stop()
  }
}

void main().catch((error) => {
  console.error(error)
  process.exit(1)
})
