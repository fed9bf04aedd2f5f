import type { DocumentAddress, EInvoiceOptions, InvoiceSeller } from "../types"

/** EN 16931 VAT category codes (UNTDID 5305) the store's documents can carry. */
export type VatCategoryCode = "S" | "Z" | "E" | "AE"

export type VatCategory = {
  code: VatCategoryCode
  /** Percent as a decimal string, e.g. "19" or "7"; "0" for every category but S. */
  rate: string
  /** Required for E and AE (BR-E-10, BR-AE-10). */
  exemptionReason?: string
  exemptionReasonCode?: string
}

/** The EU member states (ISO 3166 codes; Greece's VAT IDs start with EL). */
const EU = new Set(
  "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(
    " "
  )
)

/** The note the law requires on an intra-community reverse-charge invoice (Art. 226 (11a) VAT Directive). */
export const REVERSE_CHARGE_NOTE =
  "Reverse charge: VAT to be accounted for by the recipient (Article 196 of Council Directive 2006/112/EC). Steuerschuldnerschaft des Leistungsempfängers."

/**
 * Whether an untaxed sale is an intra-community B2B supply: the buyer has a VAT ID and sits in another member
 * state than the seller. Medusa decided the tax (0 %); this only names why it is 0.
 */
export function isReverseCharge(
  buyer: DocumentAddress | null | undefined,
  seller: InvoiceSeller
): boolean {
  const buyerCountry = buyer?.country_code?.toUpperCase()
  const sellerCountry = seller.countryCode?.toUpperCase()
  return (
    !!buyer?.vat_id &&
    !!buyerCountry &&
    !!sellerCountry &&
    EU.has(buyerCountry) &&
    EU.has(sellerCountry) &&
    buyerCountry !== sellerCountry
  )
}

/**
 * The VAT category of a line taxed at `rate` percent: a rate above 0 is standard (S; a reduced rate is S at its
 * own percent), 0 is reverse charge for an EU business buyer abroad, exempt when the store says why its sales
 * are exempt, otherwise zero rated.
 */
export function vatCategoryOf(
  rate: string,
  context: {
    reverseCharge: boolean
    options: EInvoiceOptions
  }
): VatCategory {
  if (Number(rate) > 0) {
    return { code: "S", rate }
  }
  if (context.reverseCharge) {
    return {
      code: "AE",
      rate: "0",
      exemptionReason: "Reverse charge",
      exemptionReasonCode: "VATEX-EU-AE",
    }
  }
  if (context.options.exemptionReason) {
    return {
      code: "E",
      rate: "0",
      exemptionReason: context.options.exemptionReason,
    }
  }
  return { code: "Z", rate: "0" }
}
