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
import { sdk } from "../lib/sdk"

const text = (value: unknown) => (typeof value === "string" ? value : "")

/**
 * The buyer's VAT ID and buyer reference (a public buyer's Leitweg-ID) for e-invoices, kept in the order's
 * metadata (`vat_id`, `buyer_reference`): an invoice takes them when it is issued, so set them before.
 */
const OrderEInvoiceBuyerWidget = ({
  data: order,
}: DetailWidgetProps<AdminOrder>) => {
  const [vatId, setVatId] = useState(text(order.metadata?.vat_id))
  const [reference, setReference] = useState(
    text(order.metadata?.buyer_reference)
  )
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
      toast.success("Saved for the next invoice of this order")
    },
    onError: (error) =>
      toast.error("Could not save", { description: errorMessage(error) }),
  })

  return (
    <Container className="divide-y p-0" data-testid="order-e-invoice-buyer">
      <div className="px-6 py-4">
        <Heading level="h2">E-invoice buyer</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Used by invoices issued after saving.
        </Text>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="e-invoice-vat-id">
            Buyer VAT ID
          </Label>
          <Input
            id="e-invoice-vat-id"
            size="small"
            placeholder="FR40303265045"
            value={vatId}
            onChange={(e) => setVatId(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="e-invoice-buyer-reference">
            Buyer reference (Leitweg-ID)
          </Label>
          <Input
            id="e-invoice-buyer-reference"
            size="small"
            placeholder="04011000-12345-67"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
        <div className="flex justify-end">
          <Button
            size="small"
            variant="secondary"
            isLoading={save.isPending}
            onClick={() => save.mutate()}
          >
            Save
          </Button>
        </div>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side",
})

export default OrderEInvoiceBuyerWidget
