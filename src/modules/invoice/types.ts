import type { BigNumberInput } from "@medusajs/framework/types"

export type InvoiceType = "invoice" | "credit_note"

export type CreateInvoiceLineInput = {
  line_item_id?: string | null
  title: string
  sku?: string | null
  quantity: BigNumberInput
  unit_price: BigNumberInput
  discount_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
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
  currency_code: string
  subtotal: BigNumberInput
  discount_total: BigNumberInput
  shipping_total: BigNumberInput
  tax_total: BigNumberInput
  total: BigNumberInput
  issued_at: Date
  original_invoice_id?: string | null
  lines: CreateInvoiceLineInput[]
}

export type InvoiceModuleOptions = {
  /** Printed before the zero-padded sequence: INV-000123. */
  numberPrefix?: string
  /** Digits the sequence is padded to. */
  numberDigits?: number
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
  currency_code: string
  subtotal: string
  discount_total: string
  shipping_total: string
  tax_total: string
  total: string
  issued_at: Date
  original_invoice_id: string | null
  lines: {
    id: string
    title: string
    sku: string | null
    quantity: string
    unit_price: string
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
