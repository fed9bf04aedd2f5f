/**
 * The admin UI for invoices and Salesforce sync, in a real (headless Debian) chromium against the real store and
 * the Salesforce emulator. One stack for the whole file; the tests run in order and build on each other's state,
 * as a merchant would: sync starts disabled, gets turned on, invoices are synced in every way the admin offers,
 * one fails and is retried, and at the end sync is turned off again.
 */
import fs from "node:fs"
import type { Locator, Page } from "playwright-core"
import {
  api,
  axeViolations,
  logIn,
  screenshot,
  SCREENSHOTS,
  Stack,
  startStack,
} from "./harness"

jest.setTimeout(120_000)

type ListedInvoice = {
  id: string
  number: string
  type: string
  order_id: string
  order_display_id: number
  salesforce_id: string | null
  sync_status: string
}

let stack: Stack
let page: Page
/** Every document of the demo store, newest first (the grid's first page), as the API lists them at the start. */
let invoices: ListedInvoice[] = []
/** Invoices (not credit notes) for the tests to use one by one, none from the order the widget test uses. */
let pool: ListedInvoice[] = []
let creditNote: ListedInvoice

const admin = (path: string) => `${stack.baseUrl}/app${path}`

async function listInvoices(query = "limit=100") {
  const { invoices } = await api<{ invoices: ListedInvoice[] }>(
    stack,
    "GET",
    `/admin/invoices?${query}`
  )
  return invoices
}

async function invoiceById(id: string) {
  const { invoice } = await api<{ invoice: ListedInvoice }>(
    stack,
    "GET",
    `/admin/invoices/${id}`
  )
  return invoice
}

/** The table row that shows this text (an invoice number, say). */
const row = (scope: Page | Locator, text: string) =>
  scope.getByRole("row").filter({ hasText: text })

async function openRowMenu(scope: Page | Locator, text: string) {
  await row(scope, text).getByRole("button").last().click()
  return page.getByRole("menu")
}

/** Retries `read` until it returns what `ok` accepts (Playwright's expect.poll, for jest). */
async function poll<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000
): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() - started > timeoutMs) {
      return value
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}

const toast = (text: string | RegExp) =>
  page.locator("[data-sonner-toast]").filter({ hasText: text })

/** Toasts stay a few seconds; wait them out where a screenshot should show the page alone. */
async function closeToasts() {
  await page
    .locator("[data-sonner-toast]")
    .first()
    .waitFor({ state: "detached", timeout: 12_000 })
    .catch(() => undefined)
}

async function goto(path: string, ready: Locator) {
  await page.goto(admin(path))
  await ready.first().waitFor()
}

beforeAll(async () => {
  stack = await startStack()
  page = stack.page
}, 300_000)

// One picture of where each test ended, to look at when it failed.
afterEach(async () => {
  const name = expect.getState().currentTestName ?? "test"
  await page
    ?.screenshot({
      path: `${SCREENSHOTS}/end-of-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.png`,
    })
    .catch(() => undefined)
})

afterAll(async () => {
  await stack?.stop()
})

test("logs in to the admin", async () => {
  await logIn(stack)
  // The sidebar has our UI route.
  await page.getByRole("link", { name: "Invoices" }).first().waitFor()
  invoices = await listInvoices()
  expect(invoices.length).toBeGreaterThan(20)
  expect(invoices.every((i) => i.sync_status === "not_synced")).toBe(true)
  creditNote = invoices.find((i) => i.type === "credit_note")!
  pool = invoices.filter(
    (i) => i.type === "invoice" && i.order_id !== creditNote.order_id
  )
  // The first page load pre-bundles the dashboard (logIn allows it 180 s); on a loaded machine it takes longer
  // than the file's 120 s per test.
}, 300_000)

test("while sync is disabled no sync control is in the page, the Salesforce ID column and the log are", async () => {
  const target = invoices[0]
  await goto("/invoices", row(page, target.number))
  await page.getByRole("columnheader", { name: "Salesforce ID" }).waitFor()
  expect(await page.getByRole("checkbox").count()).toBe(0)
  const menu = await openRowMenu(page, target.number)
  await menu.getByRole("menuitem", { name: "View" }).waitFor()
  expect(
    await menu.getByRole("menuitem", { name: "Sync with Salesforce" }).count()
  ).toBe(0)
  await page.keyboard.press("Escape")

  await goto(`/invoices/${target.id}`, page.getByTestId("salesforce-section"))
  await page.getByRole("heading", { name: target.number }).waitFor()
  expect(
    await page.getByRole("button", { name: "Sync with Salesforce" }).count()
  ).toBe(0)

  await goto("/invoices/sync-log", page.getByText("No sync attempts yet"))
  await page.getByTestId("sync-disabled-note").waitFor()
  expect(
    await page.getByRole("button", { name: "Sync New Order" }).count()
  ).toBe(0)
  expect(
    await page.getByRole("button", { name: "Sync missing invoices" }).count()
  ).toBe(0)
  await screenshot(page, "sync-log-empty-disabled")
})

test("settings: the automatic and Attach PDF options appear only while synchronization is enabled; the connection tests", async () => {
  await goto(
    "/settings/salesforce",
    page.getByRole("heading", { name: "Invoice Configuration" })
  )
  const enable = page.getByRole("switch", {
    name: "Enable Invoice Synchronization",
  })
  const automatic = page.getByRole("switch", {
    name: "Enable Automatic Synchronization",
  })
  const attachPdf = page.getByRole("switch", { name: "Attach PDF" })
  await enable.waitFor()
  expect(await automatic.count()).toBe(0)
  expect(await attachPdf.count()).toBe(0)
  await screenshot(page, "settings-disabled")

  await enable.click()
  await toast("Settings saved").waitFor()
  await automatic.waitFor()
  expect(await automatic.getAttribute("aria-checked")).toBe("false")
  expect(await attachPdf.getAttribute("aria-checked")).toBe("false")

  await enable.click()
  await automatic.waitFor({ state: "detached" })
  expect(await attachPdf.count()).toBe(0)

  await enable.click()
  await automatic.click()
  expect(
    await poll(
      () => automatic.getAttribute("aria-checked"),
      (v) => v === "true"
    )
  ).toBe("true")
  const { settings } = await api<{ settings: Record<string, boolean> }>(
    stack,
    "GET",
    "/admin/salesforce/settings"
  )
  expect(settings).toMatchObject({
    enabled: true,
    automatic_sync: true,
    sync_notes: false,
    attach_pdf: false,
  })

  // Attach PDF saves like the others (and goes off again: the later tests sync without PDFs).
  for (const value of ["true", "false"]) {
    await attachPdf.click()
    expect(
      await poll(
        () => attachPdf.getAttribute("aria-checked"),
        (v) => v === value
      )
    ).toBe(value)
    const saved = await api<{ settings: Record<string, boolean> }>(
      stack,
      "GET",
      "/admin/salesforce/settings"
    )
    expect(saved.settings.attach_pdf).toBe(value === "true")
  }

  const connection = page.getByTestId("salesforce-connection")
  await connection.getByRole("button", { name: "Test connection" }).click()
  await page.getByTestId("connection-test-result").waitFor()
  await connection.getByText(stack.emulator.orgId).waitFor()
  expect(
    await poll(
      () => page.getByTestId("connection-status").textContent(),
      (v) => v === "Connected"
    )
  ).toBe("Connected")
  const html = await page.content()
  expect(html).not.toContain(stack.emulator.clientSecret)
  await closeToasts()
  await screenshot(page, "settings-enabled")
})

test("with automatic sync on, an invoice created from the order widget gets its Salesforce ID link", async () => {
  const { orders } = await api<{
    orders: { id: string; display_id: number }[]
  }>(stack, "GET", "/admin/orders?fields=id,display_id&limit=100")
  const invoiced = new Set(invoices.map((i) => i.order_id))
  const order = orders.find((o) => !invoiced.has(o.id))!
  expect(order).toBeTruthy()

  await goto(`/orders/${order.id}`, page.getByTestId("order-invoices-widget"))
  const widget = page.getByTestId("order-invoices-widget")
  await widget.getByText("No invoice yet").waitFor()
  await screenshot(page, "order-widget-no-invoice")
  await widget.getByRole("button", { name: "Create invoice" }).click()
  await toast(/Invoice .* created/).waitFor()

  // The automatic sync runs in the background after the invoice is issued: the widget shows the link once it is in.
  const synced = await poll(
    async () =>
      (await listInvoices(`order_id=${order.id}`))[0]?.salesforce_id ?? null,
    (id) => !!id,
    30_000
  )
  expect(synced).toBeTruthy()
  await page.reload()
  const link = widget.getByTestId("salesforce-id-link")
  await link.waitFor()
  expect(await link.getAttribute("target")).toBe("_blank")
  expect(await link.getAttribute("href")).toMatch(
    /\/lightning\/r\/Medusa_Invoice__c\/\w+\/view$/
  )
  expect(
    await widget.getByRole("button", { name: "Create invoice" }).count()
  ).toBe(0)
  await closeToasts()
  await screenshot(page, "order-widget-auto-synced")
})

test("bulk sync of three invoices from the grid", async () => {
  const three = pool.slice(0, 3)
  await goto("/invoices", row(page, three[0].number))
  for (const invoice of three) {
    await row(page, invoice.number).getByRole("checkbox").click()
  }
  await page.getByText("3 selected").waitFor()
  await screenshot(page, "invoices-bulk-selected")
  await page.getByRole("button", { name: /^Sync with Salesforce/ }).click()
  await toast("3 synced, 0 failed").waitFor({ timeout: 60_000 })
  for (const invoice of three) {
    await row(page, invoice.number).getByTestId("salesforce-id-link").waitFor()
    await row(page, invoice.number)
      .getByText("Synced", { exact: true })
      .waitFor()
  }
  await screenshot(page, "invoices-bulk-synced")
})

test("row sync from the grid's action menu", async () => {
  const target = pool[3]
  await goto("/invoices", row(page, target.number))
  const menu = await openRowMenu(page, target.number)
  await menu.getByRole("menuitem", { name: "Sync with Salesforce" }).click()
  await toast("Invoice synced successfully").waitFor()
  await row(page, target.number).getByTestId("salesforce-id-link").waitFor()
  expect((await invoiceById(target.id)).sync_status).toBe("synced")
})

test("sync from the invoice page, with the attempt in its history", async () => {
  const target = pool[4]
  await goto(`/invoices/${target.id}`, page.getByTestId("salesforce-section"))
  const section = page.getByTestId("salesforce-section")
  await section.getByText("No attempts yet.").waitFor()
  await section.getByRole("button", { name: "Sync with Salesforce" }).click()
  await toast("Invoice synced successfully").waitFor()
  await section.getByTestId("salesforce-id-link").waitFor()
  await section.getByTestId("attempt-history").getByText("Successful").waitFor()
  // Comments: add one.
  await page
    .getByRole("textbox", { name: "Add a comment" })
    .fill("Checked against the bank statement.")
  await page.getByRole("button", { name: "Add comment" }).click()
  await page
    .getByTestId("invoice-comments")
    .getByText("Checked against the bank statement.")
    .waitFor()
  await screenshot(page, "invoice-page-synced")
})

test("sync from the order widget: an invoice and its credit note in one bulk action", async () => {
  const docs = invoices.filter((i) => i.order_id === creditNote.order_id)
  expect(docs.length).toBe(2)
  await goto(
    `/orders/${creditNote.order_id}`,
    page.getByTestId("order-invoices-widget")
  )
  const widget = page.getByTestId("order-invoices-widget")
  for (const doc of docs) {
    await row(widget, doc.number).getByRole("checkbox").click()
  }
  await page.getByRole("button", { name: /^Sync with Salesforce/ }).click()
  await toast("2 synced, 0 failed").waitFor({ timeout: 60_000 })
  expect(
    await poll(
      () => widget.getByTestId("salesforce-id-link").count(),
      (n) => n === 2
    )
  ).toBe(2)
  await screenshot(page, "order-widget-synced")
})

const FAILURE =
  "Customer Email is required on the invoice before it can be posted to accounting."

test("a failed sync shows in the log with its reason, and a retry after the cause is fixed succeeds", async () => {
  const target = pool[5]
  stack.emulator.injectRecordFault({
    object: "Medusa_Invoice__c",
    errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    message: FAILURE,
    count: 1,
  })
  await goto("/invoices", row(page, target.number))
  const menu = await openRowMenu(page, target.number)
  await menu.getByRole("menuitem", { name: "Sync with Salesforce" }).click()
  await toast("Failed to sync invoice").waitFor()
  await row(page, target.number).getByText("Failed", { exact: true }).waitFor()
  await screenshot(page, "invoices-with-failure")

  // The backend words the reason for merchants and keeps Salesforce's code beside it.
  const { attempts } = await api<{
    attempts: { status: string; error_message: string }[]
  }>(stack, "GET", `/admin/salesforce/sync-log?invoice_id=${target.id}`)
  const full = attempts[0].error_message
  expect(attempts[0].status).toBe("failed")
  expect(full).toContain("FIELD_CUSTOM_VALIDATION_EXCEPTION")
  expect(full.length).toBeGreaterThan(40)

  await goto("/invoices/sync-log", row(page, target.number))
  const failedRow = row(page, target.number)
  await failedRow.getByText("Failed", { exact: true }).waitFor()
  const reason = failedRow.getByTestId("failure-reason")
  const shown = (await reason.textContent())!
  expect(shown.endsWith("…")).toBe(true)
  expect(full.startsWith(shown.slice(0, -1))).toBe(true)
  expect(shown.length).toBeLessThanOrEqual(41)
  await reason.hover()
  await page.getByRole("tooltip").filter({ hasText: full }).first().waitFor()
  await screenshot(page, "sync-log-failure")

  // The cause is fixed (the fault was used up); retry from the log.
  await failedRow.getByRole("button", { name: "Retry sync" }).click()
  await toast("Invoice synced successfully").waitFor()
  await row(page, target.number).getByText("Successful").waitFor()
  expect(
    await row(page, target.number)
      .getByRole("button", { name: "Retry sync" })
      .count()
  ).toBe(0)
})

test("Sync New Order: required, at most 100, then a result per number", async () => {
  await goto(
    "/invoices/sync-log",
    page.getByRole("button", { name: "Sync New Order" })
  )
  await page.getByRole("button", { name: "Sync New Order" }).click()
  const drawer = page.getByRole("dialog")
  await drawer
    .getByRole("textbox", { name: "Order / Reference Number" })
    .waitFor()
  await drawer.getByRole("button", { name: "Sync", exact: true }).click()
  await drawer
    .getByTestId("order-numbers-error")
    .getByText("at least one")
    .waitFor()

  const field = drawer.getByRole("textbox", {
    name: "Order / Reference Number",
  })
  await field.fill(
    Array.from({ length: 101 }, (_, i) => String(5000 + i)).join("\n")
  )
  await drawer.getByRole("button", { name: "Sync", exact: true }).click()
  await drawer
    .getByTestId("order-numbers-error")
    .getByText("at most 100")
    .waitFor()
  await screenshot(page, "sync-new-order-validation")

  const fresh = pool[6]
  const already = pool[0]
  await field.fill(
    [fresh.order_display_id, already.order_display_id, 99999].join("\n")
  )
  await drawer.getByRole("button", { name: "Sync", exact: true }).click()
  const results = drawer.getByTestId("sync-order-results")
  await results.waitFor({ timeout: 60_000 })
  const result = (n: number) => results.locator(`[data-order-number="${n}"]`)
  await result(fresh.order_display_id)
    .getByText("Synced", { exact: true })
    .waitFor()
  await result(already.order_display_id).getByText("Already synced").waitFor()
  await result(99999).getByText("Record not found").first().waitFor()
  await screenshot(page, "sync-new-order-results")
  await drawer.getByRole("button", { name: "Done" }).click()
  await drawer.waitFor({ state: "detached" })
  expect((await invoiceById(fresh.id)).sync_status).toBe("synced")
})

test("runs: overview, a run's failures by reason, and the failed records as CSV", async () => {
  // A bulk run with one failure among three.
  const docs = pool.slice(7, 10)
  stack.emulator.injectRecordFault({
    object: "Medusa_Invoice__c",
    errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    message: FAILURE,
    count: 1,
  })
  await api(stack, "POST", "/admin/invoices/salesforce-sync", {
    invoice_ids: docs.map((d) => d.id),
  })

  await goto(
    "/invoices/sync-log?tab=runs",
    page.getByRole("heading", { name: "Sync runs" })
  )
  const bulkRow = page.getByRole("row").filter({ hasText: "Bulk" }).first()
  await bulkRow.waitFor()
  await screenshot(page, "sync-runs")
  await bulkRow.click()
  await page.getByRole("heading", { name: "Failures by reason" }).waitFor()
  await page.getByRole("heading", { name: "Sync run" }).waitFor()
  await screenshot(page, "sync-run-detail")

  const reasonButton = page
    .getByRole("button", { name: /^Download \d+ records failed with/ })
    .first()
  let download = page.waitForEvent("download")
  if (await reasonButton.count()) {
    await reasonButton.click()
  } else {
    await page
      .getByRole("button", { name: "Download all failed records" })
      .click()
  }
  let file = await download
  expect(file.suggestedFilename()).toMatch(/\.csv$/)
  let csv = fs.readFileSync((await file.path())!, "utf8")
  expect(csv.split("\n")[0]).toMatch(/invoice/i)

  await goto(
    "/invoices/sync-log",
    page.getByRole("button", { name: "Download failed records" })
  )
  download = page.waitForEvent("download")
  await page.getByRole("button", { name: "Download failed records" }).click()
  file = await download
  csv = fs.readFileSync((await file.path())!, "utf8")
  expect(csv.length).toBeGreaterThan(0)
})

/** Presses Tab until `target` has the focus (the keyboard's way there), at most `max` times. */
async function tabTo(target: Locator, max = 250) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab")
    if (await target.evaluate((el) => el === document.activeElement)) return
  }
  throw new Error(`Tab never reached ${target}`)
}

test("keyboard only: a sync from the grid's row menu, then its retry from the log", async () => {
  const target = pool[10]
  stack.emulator.injectRecordFault({
    object: "Medusa_Invoice__c",
    errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    message: FAILURE,
    count: 1,
  })
  await goto("/invoices", row(page, target.number))
  const menuButton = row(page, target.number).getByRole("button").last()
  await tabTo(menuButton)
  await page.keyboard.press("Enter")
  const item = page
    .getByRole("menu")
    .getByRole("menuitem", { name: "Sync with Salesforce" })
  await item.waitFor()
  for (let i = 0; i < 5; i++) {
    if (await item.evaluate((el) => el === document.activeElement)) break
    await page.keyboard.press("ArrowDown")
  }
  await page.keyboard.press("Enter")
  await toast("Failed to sync invoice").waitFor()
  expect((await invoiceById(target.id)).sync_status).toBe("failed")

  await goto("/invoices/sync-log", row(page, target.number))
  const retry = row(page, target.number).getByRole("button", {
    name: "Retry sync",
  })
  await tabTo(retry)
  await page.keyboard.press("Enter")
  await toast("Invoice synced successfully").waitFor()
  expect(
    await poll(
      async () => (await invoiceById(target.id)).sync_status,
      (s) => s === "synced"
    )
  ).toBe("synced")
})

/** The serious and critical violations axe-core finds within `scope` (CSS), as "rule (impact): help at target". */
async function severeViolations(scope: string) {
  return (await axeViolations(page, [scope]))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
    )
}

test("the settings page has no serious or critical axe-core violation, in English and in Arabic (right to left)", async () => {
  const ready = page.getByTestId("salesforce-connection")
  await goto("/settings/salesforce", ready)
  // Medusa renders a UI route in its <main>; the sidebar and top bar around it are the dashboard's own.
  expect(await severeViolations("main")).toEqual([])

  // The admin's language as the profile stores it: i18next's cookie and localStorage entry "lng".
  await stack.context.addCookies([
    { name: "lng", value: "ar", url: stack.baseUrl },
  ])
  await page.evaluate(() => localStorage.setItem("lng", "ar"))
  try {
    await goto("/settings/salesforce", ready)
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl")
    await page.getByRole("heading", { name: "إعدادات الفواتير" }).waitFor()
    await screenshot(page, "ar-settings")
    expect(await severeViolations("main")).toEqual([])
  } finally {
    await stack.context.clearCookies({ name: "lng" })
    await page.evaluate(() => localStorage.setItem("lng", "en"))
  }
})

test("Sync missing invoices runs the catch-up and shows its result", async () => {
  await goto(
    "/invoices/sync-log",
    page.getByRole("button", { name: "Sync missing invoices" })
  )
  await page.getByRole("button", { name: "Sync missing invoices" }).click()
  await page.getByTestId("catch-up-result").waitFor({ timeout: 90_000 })
  expect(await page.getByTestId("catch-up-result").textContent()).toMatch(
    /Found \d+: \d+ synced, \d+ failed|Nothing to do/
  )
  const remaining = await listInvoices("limit=100&sync_status=not_synced")
  expect(remaining).toHaveLength(0)
  await screenshot(page, "sync-log-catch-up")
})

test("turning synchronization off removes every sync control; IDs and the log stay", async () => {
  // A document whose only attempt failed, so the log has a row that would offer "Retry sync".
  const { orders } = await api<{ orders: { id: string }[] }>(
    stack,
    "GET",
    "/admin/orders?fields=id&limit=100"
  )
  const invoiced = new Set((await listInvoices()).map((i) => i.order_id))
  const order = orders.find((o) => !invoiced.has(o.id))!
  stack.emulator.injectRecordFault({
    object: "Medusa_Invoice__c",
    errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    message: FAILURE,
    count: 1,
  })
  const { invoice: failing } = await api<{ invoice: ListedInvoice }>(
    stack,
    "POST",
    "/admin/invoices",
    {
      order_id: order.id,
    }
  )
  expect(
    await poll(
      async () => (await invoiceById(failing.id)).sync_status,
      (s) => s === "failed",
      30_000
    )
  ).toBe("failed")

  await goto(
    "/settings/salesforce",
    page.getByRole("switch", { name: "Enable Invoice Synchronization" })
  )
  await page
    .getByRole("switch", { name: "Enable Invoice Synchronization" })
    .click()
  await page
    .getByRole("switch", { name: "Enable Automatic Synchronization" })
    .waitFor({ state: "detached" })

  const target = pool[0]
  await goto("/invoices", row(page, target.number))
  await row(page, target.number).getByTestId("salesforce-id-link").waitFor()
  expect(await page.getByRole("checkbox").count()).toBe(0)
  const menu = await openRowMenu(page, target.number)
  await menu.getByRole("menuitem", { name: "View" }).waitFor()
  expect(
    await menu.getByRole("menuitem", { name: "Sync with Salesforce" }).count()
  ).toBe(0)
  await page.keyboard.press("Escape")
  await screenshot(page, "invoices-disabled")

  await goto(
    `/invoices/${target.id}`,
    page.getByTestId("salesforce-section").getByTestId("salesforce-id-link")
  )
  expect(
    await page.getByRole("button", { name: "Sync with Salesforce" }).count()
  ).toBe(0)

  await goto(
    `/orders/${target.order_id}`,
    page.getByTestId("order-invoices-widget").getByTestId("salesforce-id-link")
  )
  const widget = page.getByTestId("order-invoices-widget")
  expect(await widget.getByRole("checkbox").count()).toBe(0)

  await goto(
    "/invoices/sync-log",
    row(page, failing.number).getByText("Failed", { exact: true })
  )
  await screenshot(page, "sync-log-disabled")
  expect(
    await page.getByRole("button", { name: "Sync New Order" }).count()
  ).toBe(0)
  expect(
    await page.getByRole("button", { name: "Sync missing invoices" }).count()
  ).toBe(0)
  expect(await page.getByRole("button", { name: "Retry sync" }).count()).toBe(0)
  await page.getByRole("button", { name: "Download failed records" }).waitFor()
})
