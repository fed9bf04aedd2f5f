import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, toast } from "@medusajs/ui"
import { InvoiceTable } from "../components/invoice-table"
import { errorMessage } from "../lib/format"
import { useCreateInvoice, useInvoices } from "../lib/hooks"
import { usePermissions } from "../lib/permissions"
import { usePluginTranslation } from "../lib/i18n"

/** The order's invoices and credit notes with their Salesforce IDs; "Create invoice" while it has none. */
const OrderInvoicesWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  const { t } = usePluginTranslation()
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
      toast.success(t("widget.created", { number: invoice.number }))
    } catch (error) {
      toast.error(t("widget.createError"), {
        description: errorMessage(error),
      })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="order-invoices-widget">
      <InvoiceTable
        orderId={order.id}
        heading={<Heading level="h2">{t("menu.invoices")}</Heading>}
        actions={
          !hasInvoice &&
          can("msi_invoice:create") && (
            <Button
              size="small"
              variant="secondary"
              isLoading={createInvoice.isPending}
              onClick={() => void create()}
            >
              {t("widget.create")}
            </Button>
          )
        }
        emptyState={{
          heading: t("widget.emptyHeading"),
          description: t("widget.emptyDescription"),
        }}
      />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details",
})

export default OrderInvoicesWidget
