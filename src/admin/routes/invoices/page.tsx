import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { InvoiceTable } from "../../components/invoice-table"

/** Every invoice and credit note, with its Salesforce ID and sync state. */
const InvoicesPage = () => (
  <Container className="divide-y p-0">
    <InvoiceTable
      heading={
        <div>
          <Heading>Invoices</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Invoices and credit notes, and where each one stands in Salesforce.
          </Text>
        </div>
      }
      actions={
        <Button size="small" variant="secondary" asChild>
          <Link to="/invoices/sync-log">Sync log</Link>
        </Button>
      }
    />
  </Container>
)

export const config = defineRouteConfig({
  label: "Invoices",
  icon: Receipt,
})

export const handle = {
  breadcrumb: () => "Invoices",
}

export default InvoicesPage
