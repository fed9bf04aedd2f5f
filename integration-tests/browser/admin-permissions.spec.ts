/**
 * RBAC in the admin (MEDUSA_FF_RBAC on): what the demo's finance viewer and sync operator see on the plugin's
 * pages. Each logs in through the login form; the admin hides what their role may not do.
 */
import type { Locator, Page } from "playwright-core"
import { DEMO_ROLES } from "../../scripts/demo/roles"
import {
  api,
  logIn,
  screenshot,
  SCREENSHOTS,
  Stack,
  startStack,
} from "./harness"

jest.setTimeout(400_000)

type ListedInvoice = { id: string; number: string; type: string }

let stack: Stack
let page: Page
let invoice: ListedInvoice

const admin = (path: string) => `${stack.baseUrl}/app${path}`
const row = (text: string) => page.getByRole("row").filter({ hasText: text })

/**
 * Opens a page and waits until it shows `ready` and has its answers on permissions and settings (the two that
 * decide which controls show), so a missing control is missing for good, not still loading.
 */
async function open(path: string, ready: Locator) {
  const answered = (part: string) =>
    page.waitForResponse((r) => r.url().includes(part) && r.ok())
  const known = Promise.all([
    answered("/admin/salesforce/permissions"),
    answered("/admin/salesforce/settings"),
  ])
  await page.goto(admin(path))
  await Promise.all((await known).map((r) => r.finished()))
  await ready.first().waitFor()
  // Two frames: react-query hands the answers to React, which renders them.
  await page.evaluate(
    () =>
      new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
  )
}

const count = (locator: Locator) => locator.count()

async function logInAs(role: keyof typeof DEMO_ROLES) {
  await stack.context.clearCookies()
  await logIn(stack, DEMO_ROLES[role].login)
}

beforeAll(async () => {
  stack = await startStack({ env: { MEDUSA_FF_RBAC: "true" } })
  page = stack.page
  page.setDefaultTimeout(120_000)
  // The demo admin is a Super Admin: sync goes on, so only the roles decide what shows.
  await logIn(stack)
  await api(stack, "POST", "/admin/salesforce/settings", { enabled: true })
  const { invoices } = await api<{ invoices: ListedInvoice[] }>(
    stack,
    "GET",
    "/admin/invoices?limit=20"
  )
  invoice = invoices.find((i) => i.type === "invoice")!
}, 900_000)

afterEach(async () => {
  const name = expect.getState().currentTestName ?? "test"
  await page
    ?.screenshot({
      path: `${SCREENSHOTS}/end-of-rbac-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 50)}.png`,
    })
    .catch(() => undefined)
})

afterAll(async () => {
  await stack?.stop()
})

test("a finance viewer reads invoices and the sync log, and sees no control to sync, configure or export", async () => {
  await logInAs("financeViewer")

  await open("/invoices", row(invoice.number))
  expect(await count(page.getByRole("checkbox"))).toBe(0)
  await row(invoice.number).getByRole("button").last().click()
  await page.getByRole("menuitem", { name: "View" }).waitFor()
  expect(
    await count(page.getByRole("menuitem", { name: "Sync with Salesforce" }))
  ).toBe(0)
  await page.keyboard.press("Escape")
  await screenshot(page, "rbac-finance-viewer-invoices")

  await open(`/invoices/${invoice.id}`, page.getByTestId("salesforce-section"))
  await page.getByRole("button", { name: "Download PDF" }).waitFor()
  expect(
    await count(page.getByRole("button", { name: "Sync with Salesforce" }))
  ).toBe(0)
  expect(
    await count(page.getByRole("textbox", { name: "Add a comment" }))
  ).toBe(0)

  await open(
    "/invoices/sync-log",
    page.getByRole("heading", { name: "Invoice Sync Log" })
  )
  for (const name of [
    "Download failed records",
    "Sync New Order",
    "Sync missing invoices",
  ]) {
    expect([name, await count(page.getByRole("button", { name }))]).toEqual([
      name,
      0,
    ])
  }
  await screenshot(page, "rbac-finance-viewer-sync-log")

  await open(
    "/settings/salesforce",
    page.getByText("Enable Invoice Synchronization")
  )
  await page.getByTestId("connection-status").waitFor()
  expect(await count(page.getByRole("switch"))).toBe(0)
  expect(
    await count(page.getByRole("button", { name: "Test connection" }))
  ).toBe(0)
  expect(await count(page.getByRole("button", { name: "Save" }))).toBe(0)
  await screenshot(page, "rbac-finance-viewer-settings")
})

test("a sync operator also syncs, and still may not configure or export", async () => {
  await logInAs("syncOperator")

  await open("/invoices", row(invoice.number))
  expect(await count(page.getByRole("checkbox"))).toBeGreaterThan(0)

  await open(
    "/invoices/sync-log",
    page.getByRole("heading", { name: "Invoice Sync Log" })
  )
  await page.getByRole("button", { name: "Sync New Order" }).waitFor()
  await page.getByRole("button", { name: "Sync missing invoices" }).waitFor()
  expect(
    await count(page.getByRole("button", { name: "Download failed records" }))
  ).toBe(0)

  await open(
    "/settings/salesforce",
    page.getByText("Enable Invoice Synchronization")
  )
  await page.getByTestId("connection-status").waitFor()
  expect(await count(page.getByRole("switch"))).toBe(0)
  expect(
    await count(page.getByRole("button", { name: "Test connection" }))
  ).toBe(0)

  // And the sync goes through: the server lets the operator's role do what the page offers.
  await open(`/invoices/${invoice.id}`, page.getByTestId("salesforce-section"))
  const section = page.getByTestId("salesforce-section")
  await section.getByRole("button", { name: "Sync with Salesforce" }).click()
  await section.getByTestId("salesforce-id-link").waitFor()
  await screenshot(page, "rbac-sync-operator-invoice")
})
