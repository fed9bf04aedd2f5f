import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { storeTestRunner } from "../helpers/runner"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import {
  createInvoiceDocumentsStep,
  CreateInvoiceDocumentsStepInput,
  createOrderInvoiceWorkflow,
} from "../../src/workflows/invoice"
import {
  InvoiceableOrder,
  invoiceFromOrder,
  ORDER_INVOICE_FIELDS,
} from "../../src/workflows/invoice/utils/invoice-documents"
import { adminHeaders } from "../helpers/admin"
import { expectFailure } from "../helpers/http"
import { createRegion, placeTestOrder } from "../helpers/store"

jest.setTimeout(180_000)

// Which orders get an invoice (not a draft, not a canceled one), and what a failed workflow leaves of a document
// it had committed: a voided row holding its number, never a hole in the series.

const failAfterCreate = createStep("msi-test-fail-after-create", async () => {
  throw new Error("a later step failed")
})
const issueThenFail = createWorkflow(
  "msi-test-issue-then-fail",
  (input: CreateInvoiceDocumentsStepInput) => {
    const created = createInvoiceDocumentsStep(input)
    failAfterCreate()
    return new WorkflowResponse(created)
  }
)

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let regionId: string

    beforeEach(async () => {
      const container = getContainer()
      headers = (await adminHeaders(container)).headers
      regionId = (await createRegion(container)).id
    })

    const invoicesOf = async (orderId: string) =>
      (await api.get(`/admin/invoices?order_id=${orderId}`, { headers })).data
        .invoices
    const setStatus = (id: string, status: "canceled" | "draft") =>
      getContainer().resolve(Modules.ORDER).updateOrders([{ id, status }])

    it.each([
      ["canceled", /is canceled: a canceled order gets no invoice/],
      ["draft", /is a draft order: it gets its invoice once it is placed/],
    ] as const)(
      "refuses the admin an invoice for a %s order with 400 and the reason",
      async (status, reason) => {
        const order = await placeTestOrder(getContainer(), regionId)
        await setStatus(order.id, status)
        const res = await expectFailure(
          api.post("/admin/invoices", { order_id: order.id }, { headers })
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(reason)
        expect(res.data.message).toContain(`#${order.display_id}`)
        expect(await invoicesOf(order.id)).toEqual([])
      }
    )

    it("issues nothing automatically for a canceled order (the payment-captured path)", async () => {
      const order = await placeTestOrder(getContainer(), regionId)
      await setStatus(order.id, "canceled")
      const { result } = await createOrderInvoiceWorkflow(getContainer()).run({
        input: { order_id: order.id, if_exists: "skip" },
      })
      expect(result).toEqual([])
      expect(await invoicesOf(order.id)).toEqual([])
    })

    it("voids, not deletes, a committed invoice when a later step fails: its number stays on record", async () => {
      const container = getContainer()
      const order = await placeTestOrder(container, regionId)
      const {
        data: [row],
      } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "order",
        fields: ORDER_INVOICE_FIELDS,
        filters: { id: order.id },
      })
      const { errors } = await issueThenFail(container).run({
        input: {
          documents: [
            invoiceFromOrder(row as unknown as InvoiceableOrder, new Date()),
          ],
          if_exists: "fail",
        },
        throwOnError: false,
      })
      expect(errors.map((e) => e.error.message)).toContain(
        "a later step failed"
      )

      const invoices: InvoiceModuleService = container.resolve(INVOICE_MODULE)
      const kept = await invoices.listInvoices(
        { order_id: order.id },
        { withDeleted: true }
      )
      expect(kept).toHaveLength(1)
      expect(kept[0].deleted_at).not.toBeNull()
      // Not issued: the order has no invoice, and may have one now.
      expect(await invoicesOf(order.id)).toEqual([])
      const { invoice } = (
        await api.post("/admin/invoices", { order_id: order.id }, { headers })
      ).data
      expect(invoice.number).not.toBe(kept[0].number)
      expect(
        Number(invoice.number.replace(/\D/g, "")) -
          Number(kept[0].number.replace(/\D/g, ""))
      ).toBe(1)
    })
  },
})
