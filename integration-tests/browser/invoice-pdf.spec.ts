/**
 * The invoice PDF download from the admin, in a real (headless Debian) chromium against the demo store: the
 * "Download PDF" button on the invoice page and the row action on the invoice grid.
 */
import fs from "node:fs"
import type { Download, Page } from "playwright-core"
import { api, logIn, screenshot, Stack, startStack } from "./harness"

jest.setTimeout(120_000)

type ListedInvoice = { id: string; number: string; type: string }

let stack: Stack
let page: Page

beforeAll(async () => {
  stack = await startStack()
  page = stack.page
  await logIn(stack)
}, 300_000)

afterAll(async () => {
  await stack?.stop()
})

/** The file a click downloads, checked to be a PDF. */
async function downloaded(click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()])
  const file = await download.path()
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-")
  return download
}

async function documents() {
  const { invoices } = await api<{ invoices: ListedInvoice[] }>(
    stack,
    "GET",
    "/admin/invoices?limit=100"
  )
  return invoices
}

test("the invoice page's Download PDF button saves the PDF under the invoice number", async () => {
  const creditNote = (await documents()).find((i) => i.type === "credit_note")!
  await page.goto(`${stack.baseUrl}/app/invoices/${creditNote.id}`)
  const button = page.getByRole("button", { name: "Download PDF" })
  await button.waitFor()
  await screenshot(page, "invoice-page-download-pdf")
  const download = await downloaded(() => button.click())
  expect(download.suggestedFilename()).toBe(`${creditNote.number}.pdf`)
})

test("the invoice page's summary adds up: subtotal − discount + shipping + tax = total, as shown", async () => {
  // A demo invoice with tax on its shipping line: gross shipping would count that tax twice.
  const { invoices } = await api<{
    invoices: (ListedInvoice & { shipping_total: number; tax_total: number })[]
  }>(stack, "GET", "/admin/invoices?limit=100&type=invoice")
  const invoice = invoices.find(
    (i) => Number(i.shipping_total) > 0 && Number(i.tax_total) > 0
  )!
  await page.goto(`${stack.baseUrl}/app/invoices/${invoice.id}`)
  const total = page.getByTestId("invoice-total")
  await total.waitFor()
  // "€1,234.56" / "-€10.00" as the page formats them, in hundredths (the demo is in euro).
  const hundredths = (text: string | null) =>
    Math.round(Number((text ?? "").replace(/[^\d.-]/g, "")) * 100)
  const rows = await page
    .getByTestId("invoice-summary-amount")
    .allTextContents()
  expect(rows).toHaveLength(4)
  expect(rows.map(hundredths).reduce((a, b) => a + b, 0)).toBe(
    hundredths(await total.textContent())
  )
})

test("the grid's row action downloads that row's PDF", async () => {
  const invoice = (await documents()).find((i) => i.type === "invoice")!
  await page.goto(`${stack.baseUrl}/app/invoices`)
  const row = page.getByRole("row").filter({ hasText: invoice.number })
  await row.first().waitFor()
  await row.getByRole("button").last().click()
  const item = page.getByRole("menu").getByRole("menuitem", {
    name: "Download PDF",
  })
  const download = await downloaded(() => item.click())
  expect(download.suggestedFilename()).toBe(`${invoice.number}.pdf`)
})
