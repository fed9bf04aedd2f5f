import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  pdfLanguage,
  type PdfLanguage,
} from "../../../../../modules/invoice/pdf/labels"

type Metadata = Record<string, unknown> | null | undefined

const localeOf = (metadata: Metadata) =>
  typeof metadata?.locale === "string" ? metadata.locale : null

/**
 * The language an invoice's PDF is printed in: the order's locale (Medusa's own field, then `metadata.locale`),
 * the customer's `metadata.locale`, then the store's default (`metadata.default_locale`, else its first supported
 * locale); English when none of them is a language the PDF has.
 */
export async function documentLanguage(
  scope: MedusaContainer,
  invoiceId: string
): Promise<PdfLanguage> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: invoices }, { data: stores }] = await Promise.all([
    query.graph({
      entity: "msi_invoice",
      fields: ["order.locale", "order.metadata", "order.customer.metadata"],
      filters: { id: invoiceId },
    }),
    query.graph({
      entity: "store",
      fields: ["metadata", "supported_locales.locale_code"],
    }),
  ])
  const order = invoices[0]?.order as
    | {
        locale?: string | null
        metadata?: Metadata
        customer?: { metadata?: Metadata } | null
      }
    | null
    | undefined
  const store = stores[0] as
    | {
        metadata?: Metadata
        supported_locales?: { locale_code: string }[] | null
      }
    | undefined
  return pdfLanguage([
    order?.locale,
    localeOf(order?.metadata),
    localeOf(order?.customer?.metadata),
    typeof store?.metadata?.default_locale === "string"
      ? store.metadata.default_locale
      : null,
    store?.supported_locales?.[0]?.locale_code,
  ])
}
