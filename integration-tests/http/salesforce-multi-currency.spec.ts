import { storeTestRunner } from "../helpers/runner"
import { createRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { placeOrder } from "../../scripts/demo/orders"
import { useSalesforceEmulator, useSyncTest } from "../helpers/salesforce"

jest.setTimeout(120_000)

// An org with multi-currency on, whose active currencies are the corporate EUR and KWD: not JPY.
const sf = useSalesforceEmulator({
  multiCurrency: { activeCurrencies: ["EUR", "KWD"] },
})

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { asAdmin, sync } = useSyncTest({ api, getContainer }, sf, {
      enabled: true,
      automatic_sync: false,
    })

    /** An invoice of 2 x `price` plus `shipping` in a region of that currency. */
    const invoiceIn = async (
      currency: string,
      country: string,
      price: number,
      shipping: number
    ) => {
      const container = getContainer()
      const {
        result: [region],
      } = await createRegionsWorkflow(container).run({
        input: {
          regions: [
            {
              name: currency,
              currency_code: currency,
              countries: [country],
              payment_providers: ["pp_system_default"],
            },
          ],
        },
      })
      const order = await placeOrder(container, {
        region_id: region.id,
        currency_code: currency,
        email: `${currency}@test.local`,
        address: {
          first_name: "Noor",
          last_name: "Test",
          address_1: "1 Street",
          city: "City",
          postal_code: "12345",
          country_code: country,
        },
        items: [{ title: "Lamp", quantity: 2, unit_price: price }],
        shipping: { name: "Standard", amount: shipping },
      })
      const { invoice } = (
        await api.post("/admin/invoices", { order_id: order.id }, asAdmin)
      ).data
      return invoice as { id: string; number: string }
    }

    it("sends the invoice and its lines in the document's currency, to the fils", async () => {
      // Every amount has a third decimal (KWD has 1,000 fils): a sum or a rounding to cents would lose it.
      const invoice = await invoiceIn("kwd", "kw", 1.234, 0.125)
      expect((await sync(invoice.id)).status).toBe("synced")
      const [record] = sf.emu.records("Medusa_Invoice__c")
      expect(record).toEqual(
        expect.objectContaining({
          Medusa_Id__c: invoice.id,
          CurrencyIsoCode: "KWD",
          Currency__c: "KWD",
          Subtotal__c: 2.468,
          Shipping_Total__c: 0.125,
          Total__c: 2.593,
        })
      )
      const lines = sf.emu.records("Medusa_Invoice_Line__c")
      // The item and the shipping line.
      expect(lines.map((l) => l.CurrencyIsoCode)).toEqual(["KWD", "KWD"])
      expect(lines.map((l) => [l.Unit_Price__c, l.Total__c]).sort()).toEqual([
        [0.125, 0.125],
        [1.234, 2.468],
      ])
    })

    it("fails a currency the org has not activated, saying where to activate it", async () => {
      const invoice = await invoiceIn("jpy", "jp", 1980, 500)
      const result = await sync(invoice.id)
      expect(result.status).toBe("failed")
      expect(result.error).toBe(
        "The invoice is in JPY, a currency Salesforce has not activated: activate it in Setup → Company Settings → Currencies (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: CurrencyIsoCode)"
      )
      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(0)
      const detail = (await api.get(`/admin/invoices/${invoice.id}`, asAdmin))
        .data.invoice
      expect(detail.sync_hint).toContain(
        "activate the order's currency: Setup → Company Settings → Currencies"
      )
    })
  },
})
