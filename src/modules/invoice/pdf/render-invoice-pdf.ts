import path from "node:path"
import PDFDocument from "pdfkit"
import { currencyDecimals } from "../../../utils/money"
import type {
  DocumentAddress,
  InvoiceSeller,
  TaxBreakdownEntry,
} from "../types"
import { PDF_LABELS, type PdfLanguage } from "./labels"
import { embedFacturX } from "./factur-x"
import {
  FALLBACK_FONT,
  FontCoverage,
  isRtl,
  MAIN_FONT,
  pieces,
} from "./pdf-text"

/** The bundled font: DejaVu Sans (Latin, Greek, Cyrillic, Arabic, Hebrew), Bitstream Vera licence. */
export const BUNDLED_FONT = path.join(
  __dirname,
  "..",
  "fonts",
  "DejaVuSans.ttf"
)

type Amount = number | string

export type PdfInvoice = {
  number: string
  type: "invoice" | "credit_note" | string
  issue_date: string
  order_display_id: number
  currency_code: string
  customer_name?: string | null
  customer_email?: string | null
  billing_address?: DocumentAddress | null
  subtotal: Amount
  discount_total: Amount
  tax_total: Amount
  total: Amount
  tax_breakdown: TaxBreakdownEntry[]
  lines: Array<{
    title: string
    sku?: string | null
    quantity: Amount
    unit_price: Amount
    is_tax_inclusive: boolean
    tax_rate: Amount
    discount_total: Amount
    tax_total: Amount
    total: Amount
  }>
  /** For a credit note: the number of the invoice it corrects. */
  original_invoice_number?: string | null
}

export type RenderedPdf = {
  pdf: Buffer
  /** Characters neither the bundled nor the configured fallback font can show, as "U+4E2D". */
  missingGlyphs: string[]
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 }
const RIGHT = PAGE.width - PAGE.margin
// Description, quantity, unit price, tax rate, net, total.
const COLUMNS = [
  { x: 50, width: 195, align: "left" as const },
  { x: 245, width: 40, align: "right" as const },
  { x: 290, width: 70, align: "right" as const },
  { x: 365, width: 45, align: "right" as const },
  { x: 415, width: 60, align: "right" as const },
  { x: 480, width: 65, align: "right" as const },
]

/**
 * The invoice or credit note as a PDF (A4, pdfkit). Text in any direction is laid out with the Unicode
 * bidirectional algorithm and shaped by fontkit (Arabic joins); characters the fonts lack are drawn as the
 * font's missing-glyph box and listed in `missingGlyphs`, so the caller can say so. `language` picks the labels
 * (English by default); the document's own data prints as issued.
 */
export async function renderInvoicePdf(
  invoice: PdfInvoice,
  options: {
    seller: InvoiceSeller
    fallbackFont: string | null
    language?: PdfLanguage
    /**
     * The CII XML of a ZUGFeRD / Factur-X invoice: the PDF is then written as PDF/A-3b with the XML embedded as
     * factur-x.xml (profile EN 16931), by pdfkit itself, so the same document still gives the same bytes.
     */
    facturXml?: string
  }
): Promise<RenderedPdf> {
  const L = PDF_LABELS[options.language ?? "en"]
  const coverage = new FontCoverage(BUNDLED_FONT, options.fallbackFont)
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    ...(options.facturXml ? { subset: "PDF/A-3b", pdfVersion: "1.7" } : {}),
    // A fixed creation date (pdfkit's default is now, which also seeds the file ID): the same document renders
    // to the same bytes, so its checksum says whether Salesforce already has this version (Attach PDF).
    info: {
      Title: invoice.number,
      CreationDate: new Date(`${invoice.issue_date}T00:00:00Z`),
    },
  })
  doc.registerFont(MAIN_FONT, BUNDLED_FONT)
  if (options.fallbackFont) {
    doc.registerFont(FALLBACK_FONT, options.fallbackFont)
  }
  const chunks: Buffer[] = []
  doc.on("data", (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()))

  /** One line of text in a box; a right-to-left line sits at the box's right edge unless told otherwise. */
  const write = (
    text: string,
    x: number,
    y: number,
    width: number,
    size = 9,
    align: "left" | "right" | "auto" = "auto"
  ) => {
    if (!text) return
    const parts = pieces(text, coverage)
    const widths = parts.map((p) =>
      doc.font(p.font).fontSize(size).widthOfString(p.text)
    )
    const total = widths.reduce((a, b) => a + b, 0)
    const right = align === "right" || (align === "auto" && isRtl(text))
    let cursor = right ? x + width - total : x
    parts.forEach((p, i) => {
      if (p.text.trim()) {
        doc
          .font(p.font)
          .fontSize(size)
          .text(p.text, cursor, y, { lineBreak: false })
      }
      cursor += widths[i]
    })
  }
  const money = (value: Amount) => formatMoney(value, invoice.currency_code)
  const currency = invoice.currency_code.toUpperCase()
  const creditNote = invoice.type === "credit_note"

  // Seller, top left.
  let y = PAGE.margin
  const seller = options.seller
  write(seller.name ?? "", 50, y, 260, 14, "left")
  y += 20
  for (const line of seller.address ?? []) {
    write(line, 50, y, 260)
    y += 12
  }
  if (seller.taxId) {
    write(L.vatId(seller.taxId), 50, y, 260)
    y += 12
  }

  // Document facts, top right.
  let ry = PAGE.margin
  write(
    creditNote ? L.creditNoteTitle : L.invoiceTitle,
    330,
    ry,
    RIGHT - 330,
    18,
    "right"
  )
  ry += 28
  const facts: [string, string][] = [
    [creditNote ? L.creditNoteNumber : L.invoiceNumber, invoice.number],
    [L.issueDate, invoice.issue_date],
    [L.order, `#${invoice.order_display_id}`],
    [L.currency, currency],
  ]
  if (creditNote && invoice.original_invoice_number) {
    facts.push([L.correctsInvoice, invoice.original_invoice_number])
  }
  for (const [label, value] of facts) {
    write(label, 330, ry, 100, 9, "left")
    write(value, 430, ry, RIGHT - 430, 9, "right")
    ry += 13
  }

  // Buyer.
  y = Math.max(y, ry) + 20
  write(L.billTo, 50, y, 250, 8, "left")
  y += 12
  const address = invoice.billing_address ?? {}
  const buyerLines = [
    invoice.customer_name ?? "",
    address.company ?? "",
    address.address_1 ?? "",
    address.address_2 ?? "",
    [address.postal_code, address.city].filter(Boolean).join(" "),
    [address.province, address.country_code?.toUpperCase()]
      .filter(Boolean)
      .join(", "),
    invoice.customer_email ?? "",
  ].filter((l) => l.trim())
  for (const line of buyerLines) {
    write(line, 50, y, 250, 10)
    y += 13
  }

  // Lines.
  y += 20
  const header = [
    L.description,
    L.quantity,
    L.unitPrice,
    L.tax,
    L.net,
    L.lineTotal(currency),
  ]
  header.forEach((h, i) =>
    write(h, COLUMNS[i].x, y, COLUMNS[i].width, 8, COLUMNS[i].align)
  )
  y += 12
  doc.moveTo(50, y).lineTo(RIGHT, y).lineWidth(0.5).stroke()
  y += 6
  for (const line of invoice.lines) {
    if (y > PAGE.height - 200) {
      doc.addPage()
      y = PAGE.margin
    }
    const net = Number(line.total) - Number(line.tax_total)
    const cells = [
      line.title,
      formatQuantity(line.quantity),
      `${money(line.unit_price)}${line.is_tax_inclusive ? "*" : ""}`,
      `${formatRate(line.tax_rate)} %`,
      money(net),
      money(line.total),
    ]
    cells.forEach((c, i) =>
      write(
        c,
        COLUMNS[i].x,
        y,
        COLUMNS[i].width,
        9,
        i === 0 ? "auto" : COLUMNS[i].align
      )
    )
    y += 12
    const details = [
      line.sku ? L.sku(line.sku) : "",
      Number(line.discount_total)
        ? L.lineDiscount(money(line.discount_total))
        : "",
    ].filter(Boolean)
    if (details.length) {
      write(details.join(" · "), COLUMNS[0].x, y, COLUMNS[0].width, 7, "left")
      y += 10
    }
    y += 3
  }
  doc.moveTo(50, y).lineTo(RIGHT, y).lineWidth(0.5).stroke()

  // Tax per rate, left; totals, right.
  y += 14
  const taxY = y
  write(L.taxRate, 50, y, 60, 8, "left")
  write(L.taxableAmount, 110, y, 90, 8, "right")
  write(L.tax, 200, y, 70, 8, "right")
  y += 12
  for (const t of invoice.tax_breakdown) {
    write(`${formatRate(t.rate)} %`, 50, y, 60, 9, "left")
    write(money(t.taxable_base), 110, y, 90, 9, "right")
    write(money(t.tax_amount), 200, y, 70, 9, "right")
    y += 12
  }
  const net = invoice.tax_breakdown.reduce(
    (s, t) => s + Number(t.taxable_base),
    0
  )
  let ty = taxY
  const totals: [string, string, number][] = [
    [L.netAmount, money(net), 9],
    [L.tax, money(invoice.tax_total), 9],
    [
      creditNote ? L.totalCredited(currency) : L.total(currency),
      money(invoice.total),
      12,
    ],
  ]
  for (const [label, value, size] of totals) {
    write(label, 330, ty, 130, size, "left")
    write(value, 460, ty, RIGHT - 460, size, "right")
    ty += size + 6
  }

  y = Math.max(y, ty) + 24
  const notes = [
    invoice.lines.some((l) => l.is_tax_inclusive) ? L.taxInclusiveNote : "",
    Number(invoice.discount_total)
      ? L.discountsNote(money(invoice.discount_total), currency)
      : "",
    creditNote && invoice.original_invoice_number
      ? L.correctsNote(invoice.original_invoice_number)
      : "",
  ].filter(Boolean)
  for (const note of notes) {
    write(note, 50, y, RIGHT - 50, 8, "left")
    y += 11
  }

  if (options.facturXml) {
    embedFacturX(doc, options.facturXml, invoice.issue_date)
  }
  doc.end()
  await ended
  return {
    pdf: Buffer.concat(chunks),
    missingGlyphs: [...coverage.missing].map(
      (cp) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`
    ),
  }
}

/** An amount already rounded to the currency's minor unit, with thousands separators and all its decimals. */
export function formatMoney(value: Amount, currencyCode: string): string {
  const digits = currencyDecimals(currencyCode)
  return new Intl.NumberFormat("en", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Number(value))
}

function formatRate(rate: Amount) {
  return String(Number(rate))
}

function formatQuantity(quantity: Amount) {
  return String(Number(quantity))
}
