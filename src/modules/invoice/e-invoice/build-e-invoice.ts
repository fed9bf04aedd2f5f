import type { Invoice } from "@e-invoice-eu/core"
import { MathBN } from "@medusajs/framework/utils"
import { currencyDecimals } from "../../../utils/money"
import type { EInvoiceOptions, InvoiceSeller } from "../types"
import type { EInvoiceDocument } from "./e-invoice-document"
import {
  isReverseCharge,
  REVERSE_CHARGE_NOTE,
  type VatCategory,
  vatCategoryOf,
} from "./tax-category"

type Big = ReturnType<typeof MathBN.convert>
type UblInvoice = Invoice["ubl:Invoice"]
// The library types every code list as a union of literals; ours come from options and stored documents.
type Code<K extends keyof UblInvoice> = UblInvoice[K]

/**
 * The document as an EN 16931 invoice in @e-invoice-eu/core's UBL-shaped form, which the library writes as
 * XRechnung UBL or Factur-X CII. Lines carry their net amount after discounts (total minus tax); VAT is stated
 * per category as EN 16931 computes it (taxable amount x rate, BR-S-09), and a difference to the tax Medusa
 * charged line by line goes into the rounding amount (BT-114), so the amount due is what the buyer paid.
 * EN 16931 allows at most two decimals, so a currency with three (KWD) is stated to the cent.
 */
export function buildEInvoice(
  doc: EInvoiceDocument,
  seller: InvoiceSeller,
  options: EInvoiceOptions
): Invoice {
  const currency =
    doc.currency_code.toUpperCase() as Code<"cbc:DocumentCurrencyCode">
  const decimals = Math.min(currencyDecimals(currency), 2)
  const amount = (value: Big | number | string) =>
    MathBN.convert(value).decimalPlaces(decimals, 4).toFixed(decimals)
  const cents = (value: Big) => value.decimalPlaces(2, 4)
  const reverseCharge =
    doc.lines.some((l) => Number(l.tax_rate) === 0) &&
    isReverseCharge(doc.billing_address, seller)
  const categoryOf = (rate: string | number) =>
    vatCategoryOf(MathBN.convert(rate).toString(), { reverseCharge, options })
  const creditNote = doc.type === "credit_note"

  const lines = doc.lines.map((line, i) => {
    const net = MathBN.convert(amount(MathBN.sub(line.total, line.tax_total)))
    const quantity = MathBN.convert(line.quantity)
    const category = categoryOf(line.tax_rate)
    return { line, i, net, quantity, category }
  })

  const categories = new Map<string, { category: VatCategory; base: Big }>()
  for (const { net, category } of lines) {
    const key = `${category.code}:${category.rate}`
    const entry = categories.get(key) ?? { category, base: MathBN.convert(0) }
    categories.set(key, { category, base: entry.base.plus(net) })
  }
  const breakdown = [...categories.values()].map(({ category, base }) => ({
    category,
    base,
    tax: cents(base.times(category.rate).div(100)),
  }))
  const lineTotal = lines.reduce((s, l) => s.plus(l.net), MathBN.convert(0))
  const taxTotal = breakdown.reduce((s, b) => s.plus(b.tax), MathBN.convert(0))
  const withTax = lineTotal.plus(taxTotal)
  const payable = MathBN.convert(amount(doc.total))
  const rounding = payable.minus(withTax)

  const buyer = doc.billing_address ?? {}
  const buyerName = buyer.company || doc.customer_name || ""
  const sellerVatId = seller.vatId ?? seller.taxId
  const taxScheme = (id: string) => ({ "cbc:ID": id })
  const sellerTax = [
    ...(sellerVatId
      ? [{ "cbc:CompanyID": sellerVatId, "cac:TaxScheme": taxScheme("VAT") }]
      : []),
    ...(seller.taxNumber
      ? [
          {
            "cbc:CompanyID": seller.taxNumber,
            "cac:TaxScheme": taxScheme("FC"),
          },
        ]
      : []),
  ] as Code<"cac:AccountingSupplierParty">["cac:Party"]["cac:PartyTaxScheme"]

  const invoice: UblInvoice = {
    "cbc:ID": doc.number,
    "cbc:IssueDate": doc.issue_date,
    "cbc:InvoiceTypeCode": creditNote ? "381" : "380",
    ...(reverseCharge ? { "cbc:Note": [REVERSE_CHARGE_NOTE] } : {}),
    "cbc:DocumentCurrencyCode": currency,
    // XRechnung requires a buyer reference (BT-10): a public buyer's Leitweg-ID, otherwise the order number.
    "cbc:BuyerReference": buyer.buyer_reference || `#${doc.order_display_id}`,
    ...(doc.original_invoice
      ? {
          "cac:BillingReference": [
            {
              "cac:InvoiceDocumentReference": {
                "cbc:ID": doc.original_invoice.number,
                "cbc:IssueDate": doc.original_invoice.issue_date,
              },
            },
          ],
        }
      : {}),
    "cac:AccountingSupplierParty": {
      "cac:Party": {
        ...(seller.contact?.email
          ? {
              "cbc:EndpointID": seller.contact.email,
              "cbc:EndpointID@schemeID": "EM",
            }
          : {}),
        "cac:PostalAddress": {
          "cbc:StreetName": seller.street,
          "cbc:CityName": seller.city,
          "cbc:PostalZone": seller.postalCode,
          "cac:Country": {
            "cbc:IdentificationCode":
              seller.countryCode as Code<"cac:AccountingSupplierParty">["cac:Party"]["cac:PostalAddress"]["cac:Country"]["cbc:IdentificationCode"],
          },
        },
        "cac:PartyTaxScheme": sellerTax,
        "cac:PartyLegalEntity": {
          "cbc:RegistrationName": (seller.legalName ?? seller.name)!,
        },
        ...(seller.contact
          ? {
              "cac:Contact": {
                "cbc:Name": seller.contact.name,
                "cbc:Telephone": seller.contact.phone,
                "cbc:ElectronicMail": seller.contact.email,
              },
            }
          : {}),
      },
    },
    "cac:AccountingCustomerParty": {
      "cac:Party": {
        ...(doc.customer_email
          ? {
              "cbc:EndpointID": doc.customer_email,
              "cbc:EndpointID@schemeID": "EM",
            }
          : {}),
        "cac:PostalAddress": {
          "cbc:StreetName": buyer.address_1 ?? undefined,
          "cbc:AdditionalStreetName": buyer.address_2 || undefined,
          "cbc:CityName": buyer.city ?? undefined,
          "cbc:PostalZone": buyer.postal_code ?? undefined,
          "cac:Country": {
            "cbc:IdentificationCode": (
              buyer.country_code ?? ""
            ).toUpperCase() as Code<"cac:AccountingCustomerParty">["cac:Party"]["cac:PostalAddress"]["cac:Country"]["cbc:IdentificationCode"],
          },
        },
        ...(buyer.vat_id
          ? {
              "cac:PartyTaxScheme": {
                "cbc:CompanyID": buyer.vat_id,
                "cac:TaxScheme": taxScheme("VAT"),
              },
            }
          : {}),
        "cac:PartyLegalEntity": { "cbc:RegistrationName": buyerName },
        ...(doc.customer_email
          ? { "cac:Contact": { "cbc:ElectronicMail": doc.customer_email } }
          : {}),
      },
    },
    // The date of supply German invoices must state (§ 14 UStG): a shop's documents are dated when it supplied.
    "cac:Delivery": { "cbc:ActualDeliveryDate": doc.issue_date },
    "cac:PaymentMeans": [
      seller.iban
        ? {
            // 58: SEPA credit transfer to the seller's account.
            "cbc:PaymentMeansCode": "58",
            "cac:PayeeFinancialAccount": {
              "cbc:ID": seller.iban.replace(/\s+/g, ""),
              ...(seller.bic
                ? { "cac:FinancialInstitutionBranch": { "cbc:ID": seller.bic } }
                : {}),
            },
          }
        : // 1: not defined; the store's payments are the payment provider's, not a bank transfer.
          { "cbc:PaymentMeansCode": "1" },
    ] as Code<"cac:PaymentMeans">,
    ...(seller.paymentTerms
      ? { "cac:PaymentTerms": { "cbc:Note": seller.paymentTerms } }
      : {}),
    "cac:TaxTotal": [
      {
        "cbc:TaxAmount": taxTotal.toFixed(2),
        "cbc:TaxAmount@currencyID": currency,
        "cac:TaxSubtotal": breakdown.map(({ category, base, tax }) => ({
          "cbc:TaxableAmount": amount(base),
          "cbc:TaxableAmount@currencyID": currency,
          "cbc:TaxAmount": tax.toFixed(2),
          "cbc:TaxAmount@currencyID": currency,
          "cac:TaxCategory": {
            "cbc:ID": category.code,
            "cbc:Percent": category.rate,
            ...(category.exemptionReasonCode
              ? { "cbc:TaxExemptionReasonCode": category.exemptionReasonCode }
              : {}),
            ...(category.exemptionReason
              ? { "cbc:TaxExemptionReason": category.exemptionReason }
              : {}),
            "cac:TaxScheme": taxScheme("VAT"),
          },
        })),
      },
    ] as Code<"cac:TaxTotal">,
    "cac:LegalMonetaryTotal": {
      "cbc:LineExtensionAmount": amount(lineTotal),
      "cbc:LineExtensionAmount@currencyID": currency,
      "cbc:TaxExclusiveAmount": amount(lineTotal),
      "cbc:TaxExclusiveAmount@currencyID": currency,
      "cbc:TaxInclusiveAmount": withTax.toFixed(2),
      "cbc:TaxInclusiveAmount@currencyID": currency,
      ...(rounding.isZero()
        ? {}
        : {
            "cbc:PayableRoundingAmount": rounding.toFixed(2),
            "cbc:PayableRoundingAmount@currencyID": currency,
          }),
      "cbc:PayableAmount": amount(payable),
      "cbc:PayableAmount@currencyID": currency,
    } as Code<"cac:LegalMonetaryTotal">,
    "cac:InvoiceLine": lines.map(({ line, i, net, quantity, category }) => ({
      "cbc:ID": String(i + 1),
      "cbc:InvoicedQuantity": quantity.toString(),
      // C62: one (a piece).
      "cbc:InvoicedQuantity@unitCode": "C62",
      "cbc:LineExtensionAmount": amount(net),
      "cbc:LineExtensionAmount@currencyID": currency,
      "cac:Item": {
        "cbc:Name": line.title,
        ...(line.sku
          ? { "cac:SellersItemIdentification": { "cbc:ID": line.sku } }
          : {}),
        "cac:ClassifiedTaxCategory": {
          "cbc:ID": category.code,
          "cbc:Percent": category.rate,
          "cac:TaxScheme": taxScheme("VAT"),
        },
      },
      // The net price of one unit; a quantity it does not divide evenly prices the whole line per its quantity.
      "cac:Price": divides(net, quantity)
        ? {
            "cbc:PriceAmount": net.div(quantity).toString(),
            "cbc:PriceAmount@currencyID": currency,
          }
        : {
            "cbc:PriceAmount": amount(net),
            "cbc:PriceAmount@currencyID": currency,
            "cbc:BaseQuantity": quantity.toString(),
            "cbc:BaseQuantity@unitCode": "C62",
          },
    })) as Code<"cac:InvoiceLine">,
  }
  return { "ubl:Invoice": invoice } as Invoice
}

/** Whether net / quantity is exact within six decimals. */
function divides(net: Big, quantity: Big): boolean {
  if (quantity.isZero()) return false
  const price = net.div(quantity).decimalPlaces(6, 1)
  return price.times(quantity).eq(net)
}
