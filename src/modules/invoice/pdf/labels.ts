/**
 * The words the invoice PDF prints around the document's data, in the languages it is issued in. Only the labels
 * change with the language: names, numbers, dates and amounts stay exactly as issued (an invoice in German shows
 * "Rechnungsnr. INV-000012" and "10.50"), so the same document reads the same figures in every language.
 */
export const PDF_LANGUAGES = ["en", "de", "ar"] as const
export type PdfLanguage = (typeof PDF_LANGUAGES)[number]

export type PdfLabels = {
  invoiceTitle: string
  creditNoteTitle: string
  invoiceNumber: string
  creditNoteNumber: string
  issueDate: string
  order: string
  currency: string
  correctsInvoice: string
  billTo: string
  vatId: (taxId: string) => string
  description: string
  quantity: string
  unitPrice: string
  tax: string
  net: string
  lineTotal: (currency: string) => string
  sku: (sku: string) => string
  lineDiscount: (amount: string) => string
  taxRate: string
  taxableAmount: string
  netAmount: string
  total: (currency: string) => string
  totalCredited: (currency: string) => string
  taxInclusiveNote: string
  discountsNote: (amount: string, currency: string) => string
  correctsNote: (number: string) => string
}

export const PDF_LABELS: Record<PdfLanguage, PdfLabels> = {
  en: {
    invoiceTitle: "INVOICE",
    creditNoteTitle: "CREDIT NOTE",
    invoiceNumber: "Invoice no.",
    creditNoteNumber: "Credit note no.",
    issueDate: "Issue date",
    order: "Order",
    currency: "Currency",
    correctsInvoice: "Corrects invoice",
    billTo: "Bill to",
    vatId: (taxId) => `VAT ID: ${taxId}`,
    description: "Description",
    quantity: "Qty",
    unitPrice: "Unit price",
    tax: "Tax",
    net: "Net",
    lineTotal: (currency) => `Total ${currency}`,
    sku: (sku) => `SKU ${sku}`,
    lineDiscount: (amount) => `discount ${amount}`,
    taxRate: "Tax rate",
    taxableAmount: "Taxable amount",
    netAmount: "Net amount",
    total: (currency) => `Total (${currency})`,
    totalCredited: (currency) => `Total credited (${currency})`,
    taxInclusiveNote: "* Unit price includes tax.",
    discountsNote: (amount, currency) =>
      `Discounts included: ${amount} ${currency}.`,
    correctsNote: (number) => `This credit note corrects invoice ${number}.`,
  },
  de: {
    invoiceTitle: "RECHNUNG",
    creditNoteTitle: "GUTSCHRIFT",
    invoiceNumber: "Rechnungsnr.",
    creditNoteNumber: "Gutschriftsnr.",
    issueDate: "Rechnungsdatum",
    order: "Bestellung",
    currency: "Währung",
    correctsInvoice: "Korrigiert Rechnung",
    billTo: "Rechnungsempfänger",
    vatId: (taxId) => `USt-IdNr.: ${taxId}`,
    description: "Beschreibung",
    quantity: "Menge",
    unitPrice: "Einzelpreis",
    tax: "USt.",
    net: "Netto",
    lineTotal: (currency) => `Gesamt ${currency}`,
    sku: (sku) => `Art.-Nr. ${sku}`,
    lineDiscount: (amount) => `Rabatt ${amount}`,
    taxRate: "Steuersatz",
    taxableAmount: "Bemessungsgrundlage",
    netAmount: "Nettobetrag",
    total: (currency) => `Gesamtbetrag (${currency})`,
    totalCredited: (currency) => `Gutgeschrieben (${currency})`,
    taxInclusiveNote: "* Einzelpreis inklusive Steuer.",
    discountsNote: (amount, currency) =>
      `Enthaltene Rabatte: ${amount} ${currency}.`,
    correctsNote: (number) => `Diese Gutschrift korrigiert Rechnung ${number}.`,
  },
  ar: {
    invoiceTitle: "فاتورة",
    creditNoteTitle: "إشعار دائن",
    invoiceNumber: "رقم الفاتورة",
    creditNoteNumber: "رقم الإشعار الدائن",
    issueDate: "تاريخ الإصدار",
    order: "الطلب",
    currency: "العملة",
    correctsInvoice: "يصحح الفاتورة",
    billTo: "فاتورة إلى",
    vatId: (taxId) => `الرقم الضريبي: ${taxId}`,
    description: "الوصف",
    quantity: "الكمية",
    unitPrice: "سعر الوحدة",
    tax: "الضريبة",
    net: "الصافي",
    lineTotal: (currency) => `الإجمالي ${currency}`,
    sku: (sku) => `رمز الصنف ${sku}`,
    lineDiscount: (amount) => `خصم ${amount}`,
    taxRate: "نسبة الضريبة",
    taxableAmount: "المبلغ الخاضع للضريبة",
    netAmount: "المبلغ الصافي",
    total: (currency) => `الإجمالي (${currency})`,
    totalCredited: (currency) => `إجمالي المبلغ الدائن (${currency})`,
    taxInclusiveNote: "* سعر الوحدة شامل الضريبة.",
    discountsNote: (amount, currency) =>
      `الخصومات المشمولة: ${amount} ${currency}.`,
    correctsNote: (number) => `يصحح هذا الإشعار الدائن الفاتورة ${number}.`,
  },
}

/**
 * The language of a document: the first of the candidates (most specific first: the order's locale, the
 * customer's, the store's default) whose language the PDF is printed in; English when none is. "de-AT" is German.
 */
export function pdfLanguage(
  candidates: Array<string | null | undefined>
): PdfLanguage {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0]
    if ((PDF_LANGUAGES as readonly string[]).includes(language ?? "")) {
      return language as PdfLanguage
    }
  }
  return "en"
}
