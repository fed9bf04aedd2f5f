import type { DocumentAddress, TaxBreakdownEntry } from "../types"

/** The e-invoice formats: XRechnung (UBL) and ZUGFeRD / Factur-X (CII in a PDF/A-3, profile EN 16931). */
export const E_INVOICE_FORMATS = ["xrechnung", "factur-x"] as const
export type EInvoiceFormat = (typeof E_INVOICE_FORMATS)[number]

/** What `GET /admin/invoices/:id/e-invoice` answers without `format`: per format, whether and why not. */
export type AdminEInvoiceStatusResponse = {
  e_invoice: {
    formats: Record<EInvoiceFormat, { available: boolean; missing: string[] }>
  }
}

type Amount = number | string

/** A stored invoice or credit note as the e-invoice builder reads it; amounts rounded to the currency's unit. */
export type EInvoiceDocument = {
  number: string
  type: "invoice" | "credit_note" | string
  issue_date: string
  order_display_id: number
  currency_code: string
  customer_name?: string | null
  customer_email?: string | null
  billing_address?: DocumentAddress | null
  tax_total: Amount
  total: Amount
  tax_breakdown: TaxBreakdownEntry[]
  lines: Array<{
    title: string
    sku?: string | null
    quantity: Amount
    tax_rate: Amount
    tax_total: Amount
    total: Amount
  }>
  /** For a credit note: the invoice it corrects (BT-25, BT-26). */
  original_invoice?: { number: string; issue_date: string } | null
}
