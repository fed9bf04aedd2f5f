import { storeTestRunner } from "../helpers/runner"
import { adminHeaders } from "../helpers/admin"
import { expectFailure } from "../helpers/http"

jest.setTimeout(120_000)

/** Each GET route of the plugin with a query, and a good query it must accept. */
const ROUTES: Record<string, string> = {
  invoices: "/admin/invoices",
  invoice: "/admin/invoices/inv_missing",
  syncLog: "/admin/salesforce/sync-log",
  syncRuns: "/admin/salesforce/sync-runs",
  syncRun: "/admin/salesforce/sync-runs/srun_missing",
  export: "/admin/salesforce/sync-log/export",
  settings: "/admin/salesforce/settings",
  connection: "/admin/salesforce/connection",
  pdf: "/admin/invoices/inv_missing/pdf",
  syncHealth: "/admin/salesforce/sync-health",
  attempt: "/admin/salesforce/sync-log/satt_missing",
  longInvoiceId: `/admin/invoices/inv_${"x".repeat(61)}`,
  oddInvoiceId: "/admin/invoices/inv%27x/pdf",
  oddRunId: "/admin/salesforce/sync-runs/srun%20x",
  longAttemptId: `/admin/salesforce/sync-log/satt_${"x".repeat(61)}`,
}

/** [route, bad query, the parameter the 400 must name] */
const BAD: [keyof typeof ROUTES, string, string][] = [
  ["invoices", "offset=-1", "offset"],
  ["invoices", "offset=abc", "offset"],
  ["invoices", "offset=1.5", "offset"],
  ["invoices", "limit=0", "limit"],
  ["invoices", "limit=101", "limit"],
  ["invoices", "limit=abc", "limit"],
  ["invoices", "order=password", "order"],
  ["invoices", "order=-nope", "order"],
  ["invoices", "fields=nope", "fields"],
  ["invoices", "with_deleted=true", "with_deleted"],
  ["invoices", "type=receipt", "type"],
  ["invoices", "sync_status=maybe", "sync_status"],
  ["invoices", "created_at[$gte]=yesterday", "created_at"],
  ["invoices", "created_at[$where]=2026-01-01", "created_at"],
  ["invoices", "created_at[$lt]=1", "created_at"],
  ["invoices", "created_at=2026-01-01", "created_at"],
  ["invoices", `q=${"x".repeat(201)}`, "q"],
  ["invoices", "page=2", "page"],
  ["invoice", "fields=nope", "fields"],
  ["invoice", "expand=order", "expand"],
  ["syncLog", "offset=-1", "offset"],
  ["syncLog", "limit=0", "limit"],
  ["syncLog", "status=maybe", "status"],
  ["syncLog", "trigger=cron", "trigger"],
  ["syncLog", "type=receipt", "type"],
  ["syncLog", "all_attempts=maybe", "all_attempts"],
  ["syncLog", "created_at[$lt]=soon", "created_at"],
  ["syncLog", "order=created_at", "order"],
  ["syncLog", "run_id[]=a&run_id[]=b", "run_id"],
  ["syncRuns", "offset=-5", "offset"],
  ["syncRuns", "limit=1000", "limit"],
  ["syncRuns", "trigger=cron", "trigger"],
  ["syncRuns", "fields=id", "fields"],
  ["syncRun", "fields=id", "fields"],
  ["syncRun", "offset=1", "offset"],
  ["export", "run_id[]=a&run_id[]=b", "run_id"],
  ["export", "reason[]=a&reason[]=b", "reason"],
  ["export", "limit=10", "limit"],
  ["settings", "fields=id", "fields"],
  ["connection", "secret=1", "secret"],
  // Ids by format and length; offsets up to MAX_LIST_OFFSET.
  ["syncLog", `run_id=srun_${"x".repeat(61)}`, "run_id"],
  ["syncLog", "run_id=srun%27%20OR%201%3D1", "run_id"],
  ["syncLog", "invoice_id=inv%2F..%2Fx", "invoice_id"],
  ["syncLog", "offset=10001", "offset"],
  ["syncRuns", "offset=10001", "offset"],
  ["invoices", "offset=10001", "offset"],
  ["invoices", "order_id=order%20x", "order_id"],
  ["export", "run_id=srun%22%3B%20x", "run_id"],
  ["longInvoiceId", "", "id"],
  ["oddInvoiceId", "", "id"],
  ["oddRunId", "", "id"],
  ["longAttemptId", "", "id"],
  // The routes that took any query.
  ["pdf", "download=1", "download"],
  ["syncHealth", "days=7", "days"],
  ["attempt", "fields=detail", "fields"],
]

/** Queries each route must keep accepting (so the 400s above are about the parameter, not the route). */
const GOOD: [keyof typeof ROUTES, string][] = [
  ["invoices", "offset=0&limit=100&order=-number&q=INV&type=invoice"],
  ["invoices", "order=created_at&sync_status=not_synced"],
  [
    "invoices",
    "created_at[$gte]=2026-01-01T00:00:00.000Z&created_at[$lte]=2030-01-01",
  ],
  ["syncLog", "offset=20&limit=5&status=failed&all_attempts=true&q=%2312"],
  ["syncLog", "created_at[$gte]=2026-01-01&trigger=retry&type=credit_note"],
  ["syncRuns", "offset=0&limit=10&trigger=bulk"],
  ["export", "reason=Something%20failed"],
  ["settings", ""],
  ["connection", ""],
  ["syncLog", "offset=10000&run_id=srun_01ABC&invoice_id=inv_01-ABC"],
  ["invoices", "order_id=order_01ABC&order_id=order_02ABC"],
  ["export", "run_id=srun_01ABC"],
  ["syncHealth", ""],
]

/** [POST route, bad body, the field the 400 must name] */
const BAD_BODIES: [string, Record<string, unknown>, string][] = [
  [
    "/admin/invoices/inv_missing/salesforce-sync",
    { trigger: "later" },
    "trigger",
  ],
  ["/admin/invoices/inv_missing/salesforce-sync", { force: true }, "force"],
  ["/admin/salesforce/catch-up", { limit: 10 }, "limit"],
  ["/admin/salesforce/connection/test", { login_url: "http://x" }, "login_url"],
]

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
    })

    it.each(BAD)(
      "GET %s?%s answers 400 naming %s",
      async (route, query, param) => {
        const res = await expectFailure(
          api.get(`${ROUTES[route]}?${query}`, { headers })
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(param)
      }
    )

    it.each(GOOD)("GET %s?%s is accepted", async (route, query) => {
      const res = await api.get(`${ROUTES[route]}?${query}`, { headers })
      expect(res.status).toBe(200)
    })

    it("answers 400 naming reason for an export reason longer than any failure's", async () => {
      const res = await expectFailure(
        api.get(`${ROUTES.export}?reason=${"x".repeat(10_001)}`, { headers })
      )
      expect(res.status).toBe(400)
      expect(res.data.message).toContain("reason")
    })

    it.each(BAD_BODIES)(
      "POST %s with %j answers 400 naming %s",
      async (route, body, field) => {
        const res = await expectFailure(api.post(route, body, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(field)
      }
    )

    it("answers the detail routes' unknown ids with 404, after the query passed", async () => {
      for (const route of ["invoice", "syncRun", "attempt", "pdf"] as const) {
        const res = await expectFailure(api.get(ROUTES[route], { headers }))
        expect(res.status).toBe(404)
      }
    })
  },
})
