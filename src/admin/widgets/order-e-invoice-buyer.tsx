import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import {
  Button,
  Container,
  Heading,
  Input,
  Label,
  Text,
  toast,
} from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { errorMessage } from "../lib/format"
import { translate, usePluginTranslation } from "../lib/i18n"
import { usePermissions } from "../lib/permissions"
import { sdk } from "../lib/sdk"

const text = (value: unknown) => (typeof value === "string" ? value : "")

/**
 * The buyer's VAT ID and buyer reference (a public buyer's Leitweg-ID) for e-invoices, kept in the order's
 * metadata (`vat_id`, `buyer_reference`): an invoice takes them when it is issued, so set them before.
 */
const OrderEInvoiceBuyerWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  const { t } = usePluginTranslation()
  const [vatId, setVatId] = useState(text(order.metadata?.vat_id))
  const [reference, setReference] = useState(
    text(order.metadata?.buyer_reference)
  )
  const canIssue = usePermissions().can("msi_invoice:create")
  const queryClient = useQueryClient()
  const save = useMutation({
    mutationFn: () =>
      sdk.admin.order.update(order.id, {
        metadata: {
          ...(order.metadata ?? {}),
          vat_id: vatId.trim() || null,
          buyer_reference: reference.trim() || null,
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["orders"] })
      toast.success(translate("eInvoice.saved"))
    },
    onError: (error) =>
      toast.error(translate("eInvoice.saveError"), {
        description: errorMessage(error),
      }),
  })

  return (
    <Container className="divide-y p-0" data-testid="order-e-invoice-buyer">
      <div className="px-6 py-4">
        <Heading level="h2">{t("eInvoice.buyerTitle")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("eInvoice.buyerHint")}
        </Text>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="e-invoice-vat-id">
            {t("eInvoice.buyerVatId")}
          </Label>
          <Input
            id="e-invoice-vat-id"
            size="small"
            placeholder={t("eInvoice.vatIdExample")}
            value={vatId}
            onChange={(e) => setVatId(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="e-invoice-buyer-reference">
            {t("eInvoice.buyerReference")}
          </Label>
          <Input
            id="e-invoice-buyer-reference"
            size="small"
            placeholder="04011000-12345-67"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
        {canIssue && (
          <div className="flex justify-end">
            <Button
              size="small"
              variant="secondary"
              isLoading={save.isPending}
              onClick={() => save.mutate()}
            >
              {t("common.save")}
            </Button>
          </div>
        )}
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side",
})

export default OrderEInvoiceBuyerWidget
