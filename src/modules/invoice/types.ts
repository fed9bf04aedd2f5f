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
  /** The buyer's VAT ID, from the order's or customer's metadata `vat_id` when the document was made. */
  vat_id?: string | null
  /** The buyer reference (for public buyers in Germany the Leitweg-ID), from metadata `buyer_reference`. */
  buyer_reference?: string | null
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
  /** The registered name an e-invoice names the seller by; `name` when left out. */
  legalName?: string
  /** The postal address an e-invoice needs in parts (the printed `address` lines stay as they are). */
  street?: string
  postalCode?: string
  city?: string
  /** ISO 3166-1 alpha-2, e.g. "DE". */
  countryCode?: string
  /** The seller's VAT ID (BT-31), e.g. "DE123456789"; `taxId` when left out. */
  vatId?: string
  /** The seller's national tax number (BT-32, "Steuernummer"). */
  taxNumber?: string
  /** The account the buyer pays to (credit transfer). */
  iban?: string
  bic?: string
  /** Payment terms as printed on the e-invoice, e.g. "Paid by card at checkout." */
  paymentTerms?: string
  /** XRechnung requires a contact: name, phone and e-mail (the e-mail is also the seller's electronic address). */
  contact?: { name?: string; phone?: string; email?: string }
}

/** Which e-invoices a store issues. */
export type EInvoiceOptions = {
  /** The PDF (admin download and Salesforce File) becomes a ZUGFeRD / Factur-X PDF/A-3 (profile EN 16931). */
  facturX?: boolean
  /** Why the store's untaxed sales are exempt (category E), e.g. "Kleinunternehmer gemäß § 19 UStG". */
  exemptionReason?: string
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
  eInvoice?: EInvoiceOptions
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
    kind: InvoiceLineKind
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
