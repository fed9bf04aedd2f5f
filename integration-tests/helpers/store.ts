import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createRegionsWorkflow } from "@medusajs/medusa/core-flows"
import {
  captureOrderPayment,
  placeOrder,
  refundPayment,
} from "../../scripts/demo/orders"

/** A region to sell in; orders in tests are placed in it. */
export async function createRegion(container: MedusaContainer) {
  const { result } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Test",
          currency_code: "eur",
          countries: ["de"],
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  return result[0]
}

let counter = 0

/** The registered customer (has_account) with this email, created the first time. */
async function registeredCustomer(container: MedusaContainer, email: string) {
  const customers = container.resolve(Modules.CUSTOMER)
  const [known] = await customers.listCustomers({ email, has_account: true })
  return (
    known ?? (await customers.createCustomers({ email, has_account: true }))
  )
}

/**
 * An order with two lines (2 x 10.50, 1 x 4.25) and 5.00 shipping; `sku` overrides the first line's SKU. The buyer
 * is a registered customer with that email, or a guest (Medusa then makes a customer without an account).
 */
export async function placeTestOrder(
  container: MedusaContainer,
  regionId: string,
  email = `buyer${++counter}@test.local`,
  sku = "MUG-1",
  buyer: "registered" | "guest" = "registered"
) {
  return placeOrder(container, {
    region_id: regionId,
    currency_code: "eur",
    email,
    customer_id:
      buyer === "registered"
        ? (await registeredCustomer(container, email)).id
        : undefined,
    address: {
      first_name: "Grace",
      last_name: "Hopper",
      address_1: "Main 1",
      city: "Berlin",
      postal_code: "10115",
      country_code: "de",
    },
    items: [
      { title: "Mug", variant_sku: sku, quantity: 2, unit_price: 10.5 },
      { title: "Sticker", variant_sku: "STK-1", quantity: 1, unit_price: 4.25 },
    ],
    shipping: { name: "Standard", amount: 5 },
  })
}

export { captureOrderPayment, refundPayment }
