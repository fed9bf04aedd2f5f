import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import type { AdminEInvoiceStatusResponse } from "../../modules/invoice/e-invoice/e-invoice-document"
import { usePluginTranslation } from "../lib/i18n"
import { sdk } from "../lib/sdk"

const FORMATS = [
  { key: "xrechnung", label: "eInvoice.xrechnung", file: ".xml" },
  { key: "factur-x", label: "eInvoice.facturX", file: ".pdf" },
] as const

/** Whether the document can be each e-invoice, what it lacks if not, and its downloads. */
export const EInvoiceSection = ({ id }: { id: string }) => {
  const { t } = usePluginTranslation()
  const { data, isLoading, isError } = useQuery({
    queryKey: ["sf-invoice-e-invoice", id],
    queryFn: () =>
      sdk.client.fetch<AdminEInvoiceStatusResponse>(
        `/admin/invoices/${id}/e-invoice`
      ),
  })
  return (
    <Container className="divide-y p-0" data-testid="e-invoice-section">
      <div className="px-6 py-4">
        <Heading level="h2">{t("eInvoice.title")}</Heading>
      </div>
      {isLoading && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {t("common.loading")}
        </Text>
      )}
      {isError && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {t("eInvoice.loadError")}
        </Text>
      )}
      {data &&
        FORMATS.map(({ key, label }) => {
          const format = data.e_invoice.formats[key]
          return (
            <div key={key} className="flex flex-col gap-y-2 px-6 py-4">
              <div className="flex items-center justify-between">
                <Text size="small" weight="plus">
                  {t(label)}
                </Text>
                {format.available ? (
                  <a
                    className="txt-compact-small text-ui-fg-interactive"
                    href={`/admin/invoices/${id}/e-invoice?format=${key}`}
                  >
                    {t("eInvoice.download")}
                  </a>
                ) : (
                  <Badge size="2xsmall" color="orange">
                    {t("eInvoice.notAvailable")}
                  </Badge>
                )}
              </div>
              {!format.available && (
                <ul className="txt-compact-small text-ui-fg-subtle list-disc pl-4">
                  {format.missing.map((m) => (
                    <li key={m}>{t("eInvoice.missing", { item: m })}</li>
                  ))}
                </ul>
              )}
            </div>
          )
        })}
    </Container>
  )
}
