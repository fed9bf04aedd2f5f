import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { InvoiceTable } from "../../components/invoice-table"
import { translate, usePluginTranslation } from "../../lib/i18n"

/** Every invoice and credit note, with its Salesforce ID and sync state. */
const InvoicesPage = () => {
  const { t } = usePluginTranslation()
  return (
    <Container className="divide-y p-0">
      <InvoiceTable
        heading={
          <div>
            <Heading>{t("menu.invoices")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("grid.description")}
            </Text>
          </div>
        }
        actions={
          <Button size="small" variant="secondary" asChild>
            <Link to="/invoices/sync-log">{t("menu.syncLog")}</Link>
          </Button>
        }
      />
    </Container>
  )
}

// The sidebar translates the label as a key of this namespace (the dashboard's, where our strings are merged).
export const config = defineRouteConfig({
  label: "salesforceInvoices.menu.invoices",
  translationNs: "translation",
  icon: Receipt,
})

export const handle = {
  breadcrumb: () => translate("menu.invoices"),
}

export default InvoicesPage
