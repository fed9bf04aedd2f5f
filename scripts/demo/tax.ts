import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
} from "@medusajs/medusa/core-flows"

export type VatSpec = {
  countries: string[]
  /** The standard rate, percent. */
  rate: number
  /** A reduced rate for some products, percent. */
  reduced?: { rate: number; product_ids: string[] }
}

/**
 * VAT for the given countries with Medusa's own tax module and system provider: a standard rate on everything
 * (shipping included) and, optionally, a reduced rate for some products. Medusa then computes the tax lines.
 */
export async function createVat(container: MedusaContainer, spec: VatSpec) {
  const { result: taxRegions } = await createTaxRegionsWorkflow(container).run({
    input: spec.countries.map((country_code) => ({
      country_code,
      provider_id: "tp_system",
      default_tax_rate: { rate: spec.rate, code: "vat", name: "VAT" },
    })),
  })
  if (spec.reduced) {
    const reduced = spec.reduced
    await createTaxRatesWorkflow(container).run({
      input: taxRegions.map((region) => ({
        tax_region_id: region.id,
        rate: reduced.rate,
        code: "vat-reduced",
        name: "VAT (reduced)",
        rules: reduced.product_ids.map((reference_id) => ({
          reference: "product",
          reference_id,
        })),
      })),
    })
  }
  return taxRegions
}
