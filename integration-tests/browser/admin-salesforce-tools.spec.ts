/**
 * The merchant's tools in the admin, in a real headless chromium against the store and the Salesforce emulator:
 * sync health and fix hints on the sync log, hints in a run's failure groups, and the reconciliation tab with
 * "Resync these". One stack; the tests build on each other in order.
 */
import type { Page } from "playwright-core"
import {
  api,
  logIn,
  screenshot,
  SCREENSHOTS,
  Stack,
  startStack,
} from "./harness"

// Generous: the first admin page pre-bundles the dashboard in Vite, slow on a busy machine.
jest.setTimeout(400_000)

type ListedInvoice = { id: string; number: string; sync_status: string }

let stack: Stack
let page: Page
let invoices: ListedInvoice[] = []
let failedRunId: string

const admin = (path: string) => `${stack.baseUrl}/app${path}`

beforeAll(async () => {
  stack = await startStack()
  page = stack.page
  page.setDefaultTimeout(120_000)
}, 900_000)

afterEach(async () => {
  const name = expect.getState().currentTestName ?? "test"
  await page
    ?.screenshot({
      path: `${SCREENSHOTS}/end-of-tools-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}.png`,
    })
    .catch(() => undefined)
})

afterAll(async () => {
  await stack?.stop()
})

test("syncs a few demo invoices, one of them rejected by a validation rule", async () => {
  await logIn(stack)
  await api(stack, "POST", "/admin/salesforce/settings", { enabled: true })
  ;({ invoices } = await api<{ invoices: ListedInvoice[] }>(
    stack,
    "GET",
    "/admin/invoices?limit=100"
  ))
  expect(invoices.length).toBeGreaterThan(20)
  await api(stack, "POST", "/admin/invoices/salesforce-sync", {
    invoice_ids: invoices.slice(1, 6).map((i) => i.id),
  })
  // A validation rule refuses the record inside an otherwise good answer, as Salesforce does.
  stack.emulator.injectRecordFault({
    object: "Medusa_Invoice__c",
    match: { Medusa_Id__c: invoices[0].id },
    errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    message: "Invoices need a purchase order number",
  })
  const failed = await api<{ run_id: string; results: { status: string }[] }>(
    stack,
    "POST",
    "/admin/invoices/salesforce-sync",
    { invoice_ids: [invoices[0].id] }
  )
  expect(failed.results.map((r) => r.status)).toEqual(["failed"])
  failedRunId = failed.run_id
})

test("the sync log shows the last 30 days, the backlog and how to fix a failure", async () => {
  await page.goto(admin("/invoices/sync-log"))
  const health = page.getByTestId("sync-health")
  await health.waitFor()
  const days = health.getByTestId("health-day")
  expect(await days.count()).toBe(30)
  const today = days.last()
  expect(await today.getAttribute("data-synced")).toBe("5")
  expect(await today.getAttribute("data-failed")).toBe("1")
  await expectText(page.getByTestId("sync-backlog"), `${invoices.length - 5}`)
  const hint = page.getByTestId("fix-hint").first()
  await hint.waitFor()
  expect(await hint.textContent()).toMatch(/^How to fix: A validation rule/)
  await screenshot(page, "tools-sync-log-health-and-hints")
})

test("a run's failure groups carry the hint with the Setup path", async () => {
  await page.goto(admin(`/invoices/sync-log/runs/${failedRunId}`))
  const cell = page.getByTestId("group-fix-hint").first()
  await cell.waitFor()
  expect(await cell.textContent()).toContain(
    "Setup → Object Manager → Medusa Invoice → Validation Rules"
  )
  expect(await cell.textContent()).toContain(
    '"Invoices need a purchase order number"'
  )
  await screenshot(page, "tools-run-failure-hints")
})

test("a log row opens the attempt viewer: what was sent and what Salesforce answered", async () => {
  await page.goto(admin("/invoices/sync-log"))
  await page.getByRole("button", { name: "View attempt" }).first().click()
  const drawer = page.getByTestId("attempt-drawer")
  await drawer.getByTestId("attempt-calls").waitFor()
  expect(await drawer.getByTestId("attempt-calls").textContent()).toContain(
    "POST /services/data/v62.0/composite"
  )
  expect(await drawer.getByTestId("record-item").count()).toBeGreaterThan(1)
  await drawer.getByText("Medusa_Invoice__c").first().waitFor()
  await screenshot(page, "tools-attempt-viewer")
  await page.keyboard.press("Escape")
  await drawer.waitFor({ state: "detached" })
})

test("the invoice page previews what a sync would send", async () => {
  await page.goto(admin(`/invoices/${invoices[0].id}`))
  await page.getByRole("button", { name: "Preview" }).click()
  const drawer = page.getByTestId("preview-drawer")
  await drawer.getByTestId("record-list").waitFor()
  expect(await drawer.getByTestId("preview-customer").textContent()).toMatch(
    /^(Matched|Created or updated)/
  )
  expect(
    await drawer.getByText(invoices[0].id, { exact: false }).count()
  ).toBeGreaterThan(0)
  await screenshot(page, "tools-preview")
  await page.keyboard.press("Escape")
  await drawer.waitFor({ state: "detached" })
})

test("the settings page shows today's API usage with the budget marked", async () => {
  // The org's usage as the next answer reports it; the connection test's answers store it.
  stack.emulator.setApiUsage({ used: 42_000, max: 100_000 })
  await api(stack, "POST", "/admin/salesforce/connection/test")
  await api(stack, "POST", "/admin/salesforce/settings", {
    api_budget_percent: 60,
  })
  await page.goto(admin("/settings/salesforce"))
  const section = page.getByTestId("api-budget")
  const meter = section.getByTestId("api-budget-meter")
  await meter.waitFor()
  expect(
    Number(await meter.getAttribute("aria-valuenow"))
  ).toBeGreaterThanOrEqual(42_000)
  expect(
    await section.getByTestId("api-budget-mark").getAttribute("style")
  ).toContain("60%")
  expect(await section.getByTestId("api-usage-text").textContent()).toContain(
    "budget 60 % (60,000)"
  )
  expect(await section.getByTestId("api-calls-by-store").textContent()).toMatch(
    /^[1-9][\d,]* made by this store today/
  )
  await screenshot(page, "tools-api-budget")
})

test("reconciliation shows the day that differs and its documents, and Resync these makes it agree", async () => {
  await page.goto(admin("/invoices/sync-log"))
  await page.getByRole("tab", { name: "Reconciliation" }).click()
  const panel = page.getByTestId("reconciliation")
  const day = panel.locator('[data-testid="reconciliation-day"]')
  await day.first().waitFor()
  expect(await day.first().getAttribute("data-status")).toBe("differ")
  const documents = page.getByTestId("reconciliation-document")
  await documents.first().waitFor()
  const missing = page.locator(
    '[data-testid="reconciliation-document"][data-kind="missing_in_salesforce"]'
  )
  expect(await missing.count()).toBe(invoices.length - 5)
  await screenshot(page, "tools-reconciliation-differs")

  await page
    .getByRole("button", { name: `Resync these (${invoices.length - 5})` })
    .click()
  await panel
    .locator('[data-testid="reconciliation-day"][data-status="agree"]')
    .first()
    .waitFor({ timeout: 60_000 })
  expect(await page.getByTestId("reconciliation-document").count()).toBe(0)
  await page.getByText("All days agree").waitFor()
  await screenshot(page, "tools-reconciliation-agrees")
})

test("the failed run reached the admin's notification panel", async () => {
  // The feed the notification module's local provider fills, which the top bar's bell lists.
  const { notifications } = await api<{
    notifications: { data: { title: string; description: string } }[]
  }>(stack, "GET", "/admin/notifications?limit=50")
  expect(notifications.map((n) => n.data.title)).toContain(
    "Salesforce sync: 1 of 1 document(s) failed"
  )
})

async function expectText(
  locator: ReturnType<Page["getByTestId"]>,
  text: string
) {
  await locator.waitFor()
  expect(await locator.textContent()).toContain(text)
}
