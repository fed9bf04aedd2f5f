import type { BigNumberInput } from "@medusajs/framework/types"

export type InvoiceType = "invoice" | "credit_note"

export type InvoiceLineKind = "item" | "shipping"

export type CreateInvoiceLineInput = {
  kind: InvoiceLineKind
  line_item_id?: string | null
  shipping_method_id?: string | null
  original_line_id?: string | null
  title: string
  sku?: string | null
  quantity: BigNumberInput
  unit_price: BigNumberInput
  is_tax_inclusive: boolean
  tax_rate: BigNumberInput
  discount_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
}

/** The tax of a document at one rate; amounts as decimal strings in the currency's minor units. */
export type TaxBreakdownEntry = {
  /** Percent, e.g. "19". */
  rate: string
  taxable_base: string
  tax_amount: string
}

/** The buyer's address as printed on the document. */
export type DocumentAddress = {
  first_name?: string | null
  last_name?: string | null
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  province?: string | null
  country_code?: string | null
}

/** A document to create; its number is allocated by the module. */
export type CreateInvoiceDocumentInput = {
  type: InvoiceType
  source_key: string
  order_id: string
  order_display_id: number
  customer_id?: string | null
  customer_email?: string | null
  customer_name?: string | null
  customer_has_account?: boolean | null
  billing_address?: DocumentAddress | null
  currency_code: string
  subtotal: BigNumberInput
  discount_total: BigNumberInput
  shipping_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
  tax_breakdown: TaxBreakdownEntry[]
  issued_at: Date | string
  /** Set by the module from issued_at and its time zone when left out. */
  issue_date?: string
  original_invoice_id?: string | null
  return_id?: string | null
  lines: CreateInvoiceLineInput[]
}

/** The seller as printed on every document. */
export type InvoiceSeller = {
  name?: string
  /** Address lines, printed one under the other. */
  address?: string[]
  /** VAT or other tax registration number. */
  taxId?: string
}

export type InvoiceModuleOptions = {
  /** Printed before the zero-padded sequence of an invoice: INV-000123. */
  numberPrefix?: string
  /** Printed before the zero-padded sequence of a credit note: CN-000123. */
  creditNotePrefix?: string
  /** Digits the sequences are padded to. */
  numberDigits?: number
  /** The store's IANA time zone: documents are dated with the calendar date there. Default "UTC". */
  timeZone?: string
  seller?: InvoiceSeller
  /**
   * A TrueType/OpenType font file for text the bundled font (Latin and Arabic) cannot show, e.g. CJK. Text
   * neither font can show is reported with the PDF.
   */
  pdfFallbackFont?: string
}

/** A document as the Salesforce sync reads it (listSyncableInvoices): amounts as exact decimal strings. */
export type SyncableInvoiceRow = {
  id: string
  number: string
  type: InvoiceType
  order_id: string
  order_display_id: number
  customer_id: string | null
  customer_email: string | null
  customer_name: string | null
  customer_has_account: boolean | null
  currency_code: string
  subtotal: string
  discount_total: string
  shipping_total: string
  tax_total: string
  total: string
  tax_breakdown: { rate: string; taxable_base: string; tax_amount: string }[]
  issued_at: Date
  issue_date: string
  original_invoice_id: string | null
  lines: {
    id: string
    title: string
    sku: string | null
    quantity: string
    unit_price: string
    tax_rate: string
    discount_total: string
    tax_total: string
    total: string
  }[]
  comments: {
    id: string
    text: string
    author_name: string
    created_at: string
  }[]
}
