import { storeTestRunner } from "../helpers/runner"
import {
  createOrderPaymentCollectionWorkflow,
  markPaymentCollectionAsPaid,
} from "@medusajs/medusa/core-flows"
import { adminHeaders } from "../helpers/admin"
import { eventually } from "../helpers/http"
import { createRegion, placeTestOrder } from "../helpers/store"

jest.setTimeout(240_000)

const CAPTURES = 20

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("numbers the invoices of 20 payments captured at the same moment without gaps or duplicates", async () => {
      const container = getContainer()
      const { headers } = await adminHeaders(container)
      const region = await createRegion(container)
      const collections: { orderId: string; collectionId: string }[] = []
      for (let i = 0; i < CAPTURES; i++) {
        const order = await placeTestOrder(container, region.id)
        const { result } = await createOrderPaymentCollectionWorkflow(
          container
        ).run({ input: { order_id: order.id, amount: 30.25 } })
        collections.push({ orderId: order.id, collectionId: result[0].id })
      }

      // All captures start together; each emits payment.captured and its subscriber issues the invoice.
      await Promise.all(
        collections.map(({ orderId, collectionId }) =>
          markPaymentCollectionAsPaid(container).run({
            input: { order_id: orderId, payment_collection_id: collectionId },
          })
        )
      )

      const invoices = await eventually(async () => {
        const { data } = await api.get(
          `/admin/invoices?type=invoice&limit=100`,
          { headers }
        )
        return data.count === CAPTURES ? data.invoices : undefined
      }, 60_000)
      const numbers: string[] = invoices.map(
        (i: { number: string }) => i.number
      )
      expect(new Set(numbers).size).toBe(CAPTURES)
      expect(
        new Set(invoices.map((i: { order_id: string }) => i.order_id)).size
      ).toBe(CAPTURES)
      const sequences = numbers
        .map((n) => Number(/^INV-(\d{6})$/.exec(n)![1]))
        .sort((a, b) => a - b)
      expect(sequences).toEqual(
        Array.from({ length: CAPTURES }, (_, i) => sequences[0] + i)
      )
    })
  },
})
