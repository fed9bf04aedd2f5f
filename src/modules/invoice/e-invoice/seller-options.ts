import { z } from "@medusajs/framework/zod"
import type { InvoiceSeller } from "../types"

/** ISO 13616: two letters, two check digits, then up to 30 letters or digits; the check digits make it mod 97 = 1. */
export function isIban(value: string): boolean {
  const iban = value.replace(/\s+/g, "").toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) {
    return false
  }
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) =>
    String(c.charCodeAt(0) - 55)
  )
  let rest = 0
  for (const d of digits) {
    rest = (rest * 10 + Number(d)) % 97
  }
  return rest === 1
}

/** A VAT ID as EU member states issue them: country prefix and 2 to 13 letters or digits (Greece writes EL). */
export const VAT_ID = /^[A-Z]{2}[0-9A-Z+*.]{2,13}$/

const text = z.string().trim().min(1)

/** The seller options (plugin options `invoices.seller`), checked when the store starts. */
export const SellerOptionsSchema = z.strictObject({
  name: z.string().optional(),
  address: z.array(z.string()).optional(),
  taxId: z.string().optional(),
  legalName: text.optional(),
  street: text.optional(),
  postalCode: text.optional(),
  city: text.optional(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166 country code such as DE")
    .optional(),
  vatId: z
    .string()
    .regex(VAT_ID, "must be a VAT ID such as DE123456789")
    .optional(),
  taxNumber: text.optional(),
  iban: z
    .string()
    .refine(isIban, "must be an IBAN with valid check digits")
    .optional(),
  bic: z
    .string()
    .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, "must be a BIC of 8 or 11 characters")
    .optional(),
  paymentTerms: text.optional(),
  contact: z
    .strictObject({
      name: text.optional(),
      phone: text.optional(),
      email: z.email().optional(),
    })
    .optional(),
})

export const EInvoiceOptionsSchema = z.strictObject({
  facturX: z.boolean().optional(),
  exemptionReason: text.optional(),
})

/**
 * What the seller options lack for any e-invoice, as option paths: a store that turns e-invoices on must not
 * start without them, since every document would fail.
 */
export function missingSellerOptions(seller: InvoiceSeller = {}): string[] {
  const missing: string[] = []
  if (!(seller.legalName ?? seller.name)) missing.push("seller.legalName")
  if (!seller.street) missing.push("seller.street")
  if (!seller.postalCode) missing.push("seller.postalCode")
  if (!seller.city) missing.push("seller.city")
  if (!seller.countryCode) missing.push("seller.countryCode")
  if (!(seller.vatId ?? seller.taxId) && !seller.taxNumber) {
    missing.push("seller.vatId (or seller.taxNumber)")
  }
  return missing
}
