/**
 * The soak's orders (`medusa exec`, started by scripts/soak.ts): N orders placed and their payments captured with
 * Medusa's own workflows. `medusa exec` runs in server mode, so with REDIS_URL set the `payment.captured` events go
 * to the shared event bus and the cluster's workers issue the invoices (and sync them) through the product's
 * subscribers, as in a live store.
 *
 * Input from the environment the soak sets: SOAK_INVOICES, SOAK_REGION_ID, SOAK_CUSTOMERS, SOAK_CONCURRENCY.
 * Prints one progress line per tenth.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { captureOrderPayment, placeOrder } from "../demo/orders"

export default async function placeSoakOrders({ container }: ExecArgs) {
  const total = Number(process.env.SOAK_INVOICES)
  const regionId = process.env.SOAK_REGION_ID!
  // Few customers for many orders: concurrent batches then share Accounts and Contacts, as real stores do.
  const customers = Number(process.env.SOAK_CUSTOMERS ?? 25)
  const concurrency = Number(process.env.SOAK_CONCURRENCY ?? 4)
  let next = 0
  let done = 0
  const tenth = Math.max(1, Math.floor(total / 10))

  const placeOne = async (i: number) => {
    const c = i % customers
    const order = await placeOrder(container, {
      region_id: regionId,
      currency_code: "eur",
      email: `soak-customer-${c}@example.com`,
      address: {
        first_name: "Soak",
        last_name: `Customer ${c}`,
        address_1: `Main ${c}`,
        city: "Berlin",
        postal_code: "10115",
        country_code: "de",
      },
      items: [
        {
          title: "Soak mug",
          variant_sku: "SOAK-MUG",
          quantity: 1 + (i % 3),
          unit_price: 10 + (i % 17) / 4,
        },
        {
          title: "Soak sticker",
          variant_sku: "SOAK-STK",
          quantity: 1,
          unit_price: 2.5,
        },
      ],
      shipping: { name: "Standard", amount: 4.9 },
    })
    await captureOrderPayment(container, order.id)
  }

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        await placeOne(next++)
        if (++done % tenth === 0 || done === total) {
          console.log(`[soak:orders] ${done}/${total} orders placed and paid`)
        }
      }
    })
  )
}
