import type { InvoiceSeller } from "../types"
import type { EInvoiceDocument, EInvoiceFormat } from "./e-invoice-document"
import { isReverseCharge } from "./tax-category"

/**
 * What keeps a document from being a valid e-invoice in `format`, each naming the missing fact and where it is
 * set; empty when it can be issued. Checked before building, so the admin reads "buyer postal code" rather than
 * a schema error; the plain PDF never depends on it.
 */
export function eInvoiceProblems(
  doc: EInvoiceDocument,
  seller: InvoiceSeller,
  format: EInvoiceFormat
): string[] {
  const problems: string[] = []
  const option = (path: string, what: string) =>
    problems.push(`${what} (invoice module option seller.${path})`)
  if (!(seller.legalName ?? seller.name))
    option("legalName", "seller legal name")
  if (!seller.street) option("street", "seller street")
  if (!seller.postalCode) option("postalCode", "seller postal code")
  if (!seller.city) option("city", "seller city")
  if (!seller.countryCode) option("countryCode", "seller country code")
  const sellerVatId = seller.vatId ?? seller.taxId
  if (!sellerVatId && !seller.taxNumber) {
    option("vatId", "seller VAT ID or tax number")
  }
  if (!seller.paymentTerms) option("paymentTerms", "payment terms")

  const buyer = doc.billing_address
  const buyerField = (what: string) =>
    problems.push(`${what} (the order's billing address)`)
  if (!buyer?.company && !doc.customer_name) buyerField("buyer name")
  if (!buyer?.address_1) buyerField("buyer street")
  if (!buyer?.city) buyerField("buyer city")
  if (!buyer?.postal_code) buyerField("buyer postal code")
  if (!buyer?.country_code) buyerField("buyer country")

  const untaxed = doc.lines.some((l) => Number(l.tax_rate) === 0)
  if (untaxed && isReverseCharge(buyer, seller) && !sellerVatId) {
    option("vatId", "seller VAT ID, required for reverse charge")
  }
  if (doc.type === "credit_note" && !doc.original_invoice) {
    problems.push("the invoice this credit note corrects")
  }
  if (format === "xrechnung") {
    if (!seller.contact?.name) option("contact.name", "seller contact name")
    if (!seller.contact?.phone) option("contact.phone", "seller contact phone")
    if (!seller.contact?.email) {
      option("contact.email", "seller contact e-mail")
    }
    if (!doc.customer_email) {
      problems.push("buyer e-mail address (the order's e-mail)")
    }
  }
  return problems
}
