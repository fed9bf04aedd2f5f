/**
 * What the e-invoice tests check a document with: well-formed XML (xmllint, Debian's libxml2-utils),
 * the EN 16931 calculation rules BR-CO-10 to BR-CO-16 and the VAT rules of each category, on the UBL XML as
 * written, and the XML embedded in a Factur-X PDF (pdfdetach, poppler-utils).
 */
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { XMLParser } from "fast-xml-parser"

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "e-invoice-"))
}

/**
 * xmllint's verdict on `xml` as XML: "" when it is well-formed, else its messages. (The official UBL 2.1 and CII
 * D16B schemas are not in this repository: they can only be had from outside it, which the project may not commit;
 * the EN 16931 rules below are checked on the parsed document instead.)
 */
export function xmlErrors(xml: string): string {
  const dir = scratch()
  const file = path.join(dir, "doc.xml")
  fs.writeFileSync(file, xml)
  try {
    execFileSync("xmllint", ["--noout", file], { stdio: "pipe" })
    return ""
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The files embedded in a PDF, by name, as pdfdetach (poppler) extracts them. */
export function embeddedFiles(pdf: Buffer): Record<string, string> {
  const dir = scratch()
  try {
    fs.writeFileSync(path.join(dir, "doc.pdf"), pdf)
    const out = path.join(dir, "out")
    fs.mkdirSync(out)
    execFileSync("pdfdetach", [
      "-saveall",
      "-o",
      out,
      path.join(dir, "doc.pdf"),
    ])
    return Object.fromEntries(
      fs
        .readdirSync(out)
        .map((name) => [name, fs.readFileSync(path.join(out, name), "utf8")])
    )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) =>
    [
      "InvoiceLine",
      "CreditNoteLine",
      "TaxSubtotal",
      "TaxTotal",
      "AllowanceCharge",
      "PartyTaxScheme",
      "Note",
    ].includes(name),
})

type Node = Record<string, unknown>
const text = (node: unknown): string =>
  typeof node === "object" && node !== null
    ? String((node as Node)["#text"] ?? "")
    : String(node ?? "")
/** An amount in hundredths, as an integer: EN 16931 amounts have at most two decimals (BR-DEC-*). */
function cents(node: unknown, where: string, problems: string[]): number {
  const value = text(node)
  if (!/^-?\d+(\.\d{1,2})?$/.test(value)) {
    problems.push(
      `${where}: "${value}" is not an amount with at most 2 decimals`
    )
    return NaN
  }
  return Math.round(Number(value) * 100)
}

export type UblFacts = {
  root: "Invoice" | "CreditNote"
  typeCode: string
  currency: string
  payable: number
  categories: { code: string; rate: string; taxable: number; tax: number }[]
  notes: string[]
  precedingInvoice: string | null
}

/**
 * Checks the EN 16931 calculation rules on a UBL invoice or credit note and returns what was violated (empty when
 * none) with the facts a test asserts on. Amounts are compared in hundredths, exactly.
 */
export function en16931Problems(xml: string): {
  problems: string[]
  facts: UblFacts
} {
  const parsed = parser.parse(xml) as Node
  const root = ("Invoice" in parsed ? "Invoice" : "CreditNote") as
    "Invoice" | "CreditNote"
  const doc = parsed[root] as Node
  const problems: string[] = []
  const lines = (doc[`${root}Line`] as Node[]) ?? []
  const totals = doc.LegalMonetaryTotal as Node
  const amount = (node: unknown, where: string) => cents(node, where, problems)
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
  const check = (rule: string, ok: boolean, detail: string) => {
    if (!ok) problems.push(`${rule}: ${detail}`)
  }

  const lineNets = lines.map((l, i) =>
    amount(l.LineExtensionAmount, `line ${i + 1} net amount (BT-131)`)
  )
  const allowances = ((doc.AllowanceCharge as Node[]) ?? []).filter(
    (a) => text(a.ChargeIndicator) === "false"
  )
  const charges = ((doc.AllowanceCharge as Node[]) ?? []).filter(
    (a) => text(a.ChargeIndicator) === "true"
  )
  const sumLines = amount(totals.LineExtensionAmount, "BT-106")
  const allowanceTotal = totals.AllowanceTotalAmount
    ? amount(totals.AllowanceTotalAmount, "BT-107")
    : 0
  const chargeTotal = totals.ChargeTotalAmount
    ? amount(totals.ChargeTotalAmount, "BT-108")
    : 0
  const taxExclusive = amount(totals.TaxExclusiveAmount, "BT-109")
  const taxInclusive = amount(totals.TaxInclusiveAmount, "BT-112")
  const prepaid = totals.PrepaidAmount
    ? amount(totals.PrepaidAmount, "BT-113")
    : 0
  const rounding = totals.PayableRoundingAmount
    ? amount(totals.PayableRoundingAmount, "BT-114")
    : 0
  const payable = amount(totals.PayableAmount, "BT-115")
  const taxTotal = doc.TaxTotal as Node[]
  const vat = amount(taxTotal[0].TaxAmount, "BT-110")
  const subtotals = (taxTotal[0].TaxSubtotal as Node[]) ?? []

  check(
    "BR-CO-10",
    sumLines === sum(lineNets),
    `BT-106 ${sumLines} != sum of line net amounts ${sum(lineNets)}`
  )
  check(
    "BR-CO-11",
    allowanceTotal === sum(allowances.map((a) => amount(a.Amount, "BT-92"))),
    "BT-107 != sum of allowances"
  )
  check(
    "BR-CO-12",
    chargeTotal === sum(charges.map((a) => amount(a.Amount, "BT-99"))),
    "BT-108 != sum of charges"
  )
  check(
    "BR-CO-13",
    taxExclusive === sumLines - allowanceTotal + chargeTotal,
    `BT-109 ${taxExclusive} != BT-106 - BT-107 + BT-108`
  )
  check(
    "BR-CO-14",
    vat === sum(subtotals.map((s) => amount(s.TaxAmount, "BT-117"))),
    `BT-110 ${vat} != sum of category tax amounts`
  )
  check(
    "BR-CO-15",
    taxInclusive === taxExclusive + vat,
    `BT-112 ${taxInclusive} != BT-109 ${taxExclusive} + BT-110 ${vat}`
  )
  check(
    "BR-CO-16",
    payable === taxInclusive - prepaid + rounding,
    `BT-115 ${payable} != BT-112 - BT-113 + BT-114`
  )

  const seller = (doc.AccountingSupplierParty as Node).Party as Node
  const buyer = (doc.AccountingCustomerParty as Node).Party as Node
  const sellerVat = ((seller.PartyTaxScheme as Node[]) ?? []).some(
    (s) => text((s.TaxScheme as Node).ID) === "VAT"
  )
  const buyerVat = ((buyer.PartyTaxScheme as Node[]) ?? []).some(
    (s) => text((s.TaxScheme as Node).ID) === "VAT"
  )
  const categories = subtotals.map((s) => {
    const category = s.TaxCategory as Node
    const code = text(category.ID)
    const rate = text(category.Percent)
    const taxable = amount(s.TaxableAmount, `${code} taxable amount (BT-116)`)
    const tax = amount(s.TaxAmount, `${code} tax amount (BT-117)`)
    const inCategory = lines.filter((l) => {
      const c = (l.Item as Node).ClassifiedTaxCategory as Node
      return text(c.ID) === code && Number(text(c.Percent)) === Number(rate)
    })
    const base = sum(
      inCategory.map((l) => amount(l.LineExtensionAmount, "BT-131"))
    )
    check(
      `BR-${code}-08`,
      taxable === base,
      `${code} ${rate} %: taxable amount ${taxable} != its lines' net ${base}`
    )
    const reason =
      text(category.TaxExemptionReason) || text(category.TaxExemptionReasonCode)
    if (code === "S") {
      check(
        "BR-S-05",
        Number(rate) > 0,
        "a standard-rated line has no rate above 0"
      )
      // The tax is the taxable amount times the rate, rounded to the cent (half up).
      const expected = Math.round((taxable * Number(rate)) / 100)
      check(
        "BR-S-09",
        tax === expected,
        `${rate} %: tax ${tax} != ${taxable} x ${rate} % = ${expected}`
      )
      check("BR-S-10", !reason, "standard rate with an exemption reason")
      check(
        "BR-S-02",
        sellerVat || ((seller.PartyTaxScheme as Node[]) ?? []).length > 0,
        "no seller VAT ID or tax number"
      )
    } else {
      check(`BR-${code}-05`, Number(rate) === 0, `${code} with rate ${rate}`)
      check(`BR-${code}-09`, tax === 0, `${code} with tax ${tax}`)
      if (code === "Z")
        check("BR-Z-10", !reason, "zero rated with an exemption reason")
      if (code === "E" || code === "AE") {
        check(`BR-${code}-10`, !!reason, `${code} without an exemption reason`)
      }
      if (code === "AE") {
        check(
          "BR-AE-02",
          sellerVat && buyerVat,
          "reverse charge without both VAT IDs"
        )
      }
    }
    return { code, rate, taxable, tax }
  })
  const billing = doc.BillingReference as Node | undefined
  return {
    problems,
    facts: {
      root,
      typeCode: text(
        doc[root === "Invoice" ? "InvoiceTypeCode" : "CreditNoteTypeCode"]
      ),
      currency: text(doc.DocumentCurrencyCode),
      payable,
      categories,
      notes: ((doc.Note as unknown[]) ?? []).map(text),
      precedingInvoice: billing
        ? text((billing.InvoiceDocumentReference as Node).ID)
        : null,
    },
  }
}
