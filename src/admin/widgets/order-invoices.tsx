import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, toast } from "@medusajs/ui"
import { InvoiceTable } from "../components/invoice-table"
import { errorMessage } from "../lib/format"
import { useCreateInvoice, useInvoices } from "../lib/hooks"
import { usePermissions } from "../lib/permissions"

/** The order's invoices and credit notes with their Salesforce IDs; "Create invoice" while it has none. */
const OrderInvoicesWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  // The same query as the table below, so react-query serves both from one request.
  const { data } = useInvoices({
    order_id: order.id,
    limit: 100,
    order: "created_at",
  })
  const createInvoice = useCreateInvoice()
  const { can } = usePermissions()
  const hasInvoice =
    data?.invoices.some((invoice) => invoice.type === "invoice") ?? true

  const create = async () => {
    try {
      const { invoice } = await createInvoice.mutateAsync(order.id)
      toast.success(`Invoice ${invoice.number} created`)
    } catch (error) {
      toast.error("Could not create the invoice", {
        description: errorMessage(error),
      })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="order-invoices-widget">
      <InvoiceTable
        orderId={order.id}
        heading={<Heading level="h2">Invoices</Heading>}
        actions={
          !hasInvoice &&
          can("msi_invoice:create") && (
            <Button
              size="small"
              variant="secondary"
              isLoading={createInvoice.isPending}
              onClick={() => void create()}
            >
              Create invoice
            </Button>
          )
        }
        emptyState={{
          heading: "No invoice yet",
          description:
            "An invoice is issued when the payment is captured. You can also create it now.",
        }}
      />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details",
})

export default OrderInvoicesWidget
