/**
 * Demo data for `npm run dev`: an admin login, two regions with VAT (19 %, 7 % on the cookbook; Germany with
 * tax-inclusive prices), products, customers and about 30 orders with invoices, credit notes (one for a return)
 * and comments. Medusa computes every tax line and discount. Runs on every start and does nothing the second time.
 *
 * `medusa exec` loads no subscribers, so the invoices are issued here with the same workflows the subscribers run.
 */
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  beginReturnOrderWorkflow,
  confirmReturnRequestWorkflow,
  createCustomersWorkflow,
  createProductsWorkflow,
  createPromotionsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createUsersWorkflow,
  requestItemReturnWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  addInvoiceCommentWorkflow,
  createCreditNotesWorkflow,
  createOrderInvoiceWorkflow,
} from "../../src/workflows/invoice"
import { INVOICE_MODULE } from "../../src/modules/invoice"
import type InvoiceModuleService from "../../src/modules/invoice/service"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { catchUpSalesforceSyncWorkflow } from "../../src/workflows/salesforce"
import { captureOrderPayment, placeOrder, refundPayment } from "./orders"
import { ensureDemoRoles } from "./seed-roles"
import { createVat } from "./tax"

const DEMO_REGION = "Europe (demo)"
const GERMAN_REGION = "Germany (demo, prices incl. VAT)"
const PROMO_CODE = "WELCOME10"
const VAT = 19
const REDUCED_VAT = 7

const PRODUCTS = [
  { title: "Medusa T-Shirt", sku: "SHIRT", price: 25 },
  { title: "Medusa Hoodie", sku: "HOODIE", price: 59 },
  { title: "Medusa Mug", sku: "MUG", price: 12.5 },
  { title: "Medusa Sticker Pack", sku: "STICKERS", price: 4.9 },
  // Books are taxed at the reduced rate.
  { title: "Medusa Cookbook", sku: "COOKBOOK", price: 18.9, reduced: true },
]

const CUSTOMERS = [
  ["Grace", "Hopper", "grace.hopper@example.com"],
  ["Ada", "Lovelace", "ada.lovelace@example.com"],
  ["Alan", "Turing", "alan.turing@example.com"],
  ["Katherine", "Johnson", "katherine.johnson@example.com"],
  ["Linus", "Torvalds", "linus.torvalds@example.com"],
  ["Margaret", "Hamilton", "margaret.hamilton@example.com"],
]

const CITIES = [
  ["Berlin", "10115", "de"],
  ["Paris", "75001", "fr"],
  ["Amsterdam", "1012", "nl"],
  ["Madrid", "28001", "es"],
]

const ORDERS = 32
const WITHOUT_INVOICE = new Set([5, 17, 26, 31])
const REFUNDED = new Set([2, 9, 14, 21, 28])
const DISCOUNTED = new Set([4, 10, 16, 22, 29])
const RETURNED = 7
const COMMENTED = 3

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await ensureDemoRoles(container, await ensureAdmin(container))

  const regionModule = container.resolve(Modules.REGION)
  if ((await regionModule.listRegions({ name: DEMO_REGION })).length) {
    logger.info("[demo] demo data already loaded")
    return
  }
  logger.info("[demo] loading demo data")

  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  let [channel] = await salesChannels.listSalesChannels({}, { take: 1 })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    channel = result[0]
  }

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: DEMO_REGION,
          currency_code: "eur",
          countries: CITIES.map(([, , country]) => country).filter(
            (c) => c !== "de"
          ),
          payment_providers: ["pp_system_default"],
          automatic_taxes: true,
        },
        {
          name: GERMAN_REGION,
          currency_code: "eur",
          countries: ["de"],
          payment_providers: ["pp_system_default"],
          automatic_taxes: true,
          is_tax_inclusive: true,
        },
      ],
    },
  })

  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: PRODUCTS.map((p) => ({
        title: p.title,
        status: "published" as const,
        options: [{ title: "Size", values: ["One size"] }],
        variants: [
          {
            title: "One size",
            sku: p.sku,
            options: { Size: "One size" },
            manage_inventory: false,
            prices: [{ amount: p.price, currency_code: "eur" }],
          },
        ],
        sales_channels: [{ id: channel.id }],
      })),
    },
  })
  await createVat(container, {
    countries: CITIES.map(([, , country]) => country),
    rate: VAT,
    reduced: {
      rate: REDUCED_VAT,
      product_ids: products
        .filter((p) => PRODUCTS.find((d) => d.title === p.title)?.reduced)
        .map((p) => p.id),
    },
  })
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code: PROMO_CODE,
          type: "standard",
          status: "active",
          application_method: {
            type: "percentage",
            target_type: "items",
            allocation: "across",
            value: 10,
          },
        },
      ],
    },
  })
  const variants = Object.fromEntries(
    products.map((p) => [p.variants[0].sku, p.variants[0].id])
  )

  const { result: customers } = await createCustomersWorkflow(container).run({
    input: {
      customersData: CUSTOMERS.map(([first_name, last_name, email]) => ({
        first_name,
        last_name,
        email,
      })),
    },
  })

  for (let n = 1; n <= ORDERS; n++) {
    await seedOrder(container, n, {
      regions: Object.fromEntries(regions.map((r) => [r.name, r.id])),
      channelId: channel.id,
      customers,
      variants,
    })
  }
  logger.info(`[demo] ${ORDERS} orders loaded`)
  await syncDemoInvoices(container)
}

/**
 * With sync on (the demo store turns it on), sends every demo invoice now rather than when the catch-up job next
 * runs: automatic syncs started by the subscribers may still be under way when this script ends.
 */
async function syncDemoInvoices(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const salesforce = container.resolve(
    SALESFORCE_MODULE
  ) as SalesforceModuleService
  const settings = await salesforce.getSettings()
  if (!settings.enabled || salesforce.configurationProblems().length) {
    return
  }
  const { result } = await catchUpSalesforceSyncWorkflow(container).run({
    input: { started_by: null },
  })
  logger.info(
    `[demo] ${result.found} invoices queued for Salesforce (run ${result.run_id})`
  )
}

async function seedOrder(
  container: MedusaContainer,
  n: number,
  ctx: {
    regions: Record<string, string>
    variants: Record<string, string>
    channelId: string
    customers: {
      id: string
      first_name: string | null
      last_name: string | null
      email: string
    }[]
  }
) {
  const customer = ctx.customers[n % ctx.customers.length]
  const [city, postal_code, country_code] = CITIES[n % CITIES.length]
  // A few lines per order, chosen deterministically so every run builds the same store.
  // German prices include VAT; the other countries' prices are net.
  const inclusive = country_code === "de"
  const items = PRODUCTS.filter((_, i) => (n + i) % 3 !== 0).map((p, i) => ({
    title: p.title,
    variant_id: ctx.variants[p.sku],
    variant_sku: p.sku,
    quantity: 1 + ((n + i) % 3),
    unit_price: p.price,
    is_tax_inclusive: inclusive,
  }))
  const order = await placeOrder(container, {
    region_id: ctx.regions[inclusive ? GERMAN_REGION : DEMO_REGION],
    currency_code: "eur",
    email: customer.email,
    customer_id: customer.id,
    sales_channel_id: ctx.channelId,
    address: {
      first_name: customer.first_name ?? "",
      last_name: customer.last_name ?? "",
      address_1: `${n} Demo Street`,
      city,
      postal_code,
      country_code,
    },
    items,
    shipping: {
      name: "Standard shipping",
      amount: 4.95,
      is_tax_inclusive: inclusive,
    },
    promo_codes: DISCOUNTED.has(n) ? [PROMO_CODE] : undefined,
  })
  if (WITHOUT_INVOICE.has(n)) {
    return
  }
  const payment = await captureOrderPayment(container, order.id)
  // The subscriber may already be issuing it: "skip" makes whichever comes second a no-op.
  await createOrderInvoiceWorkflow(container).run({
    input: { order_id: order.id, if_exists: "skip" },
  })
  if (n === RETURNED) {
    await returnFirstItem(container, order.id, payment.id)
  }
  if (REFUNDED.has(n)) {
    await refundPayment(
      container,
      payment.id,
      items[0].unit_price,
      "Returned item"
    )
    await createCreditNotesWorkflow(container).run({
      input: { payment_id: payment.id },
    })
  }
  if (n === COMMENTED) {
    const invoices = container.resolve(INVOICE_MODULE) as InvoiceModuleService
    const [invoice] = await invoices.listInvoices({
      order_id: order.id,
      type: "invoice",
    })
    for (const text of [
      "Customer asked for a paper copy.",
      "Paid by bank transfer; reference 2026-0042.",
    ]) {
      await addInvoiceCommentWorkflow(container).run({
        input: {
          invoice_id: invoice.id,
          text,
          author_id: null,
          author_name: "Demo Admin",
        },
      })
    }
  }
}

/**
 * The customer sends one unit of the order's first line back and is refunded what Medusa says it is worth; the
 * credit note credits that unit at its invoiced price and tax. Fulfilment is recorded on the order directly: the
 * demo has no warehouse.
 */
async function returnFirstItem(
  container: MedusaContainer,
  orderId: string,
  paymentId: string
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    // "items.*": asked for by name alone, a line's quantity (a bigNumber) can come back empty.
    fields: ["items.*"],
    filters: { id: orderId },
  })
  const items = order.items!.filter(Boolean) as {
    id: string
    quantity: number
  }[]
  await container.resolve(Modules.ORDER).registerFulfillment({
    order_id: orderId,
    items: items.map((i) => ({ id: i.id, quantity: Number(i.quantity) })),
  })
  const { result } = await beginReturnOrderWorkflow(container).run({
    input: { order_id: orderId },
  })
  await requestItemReturnWorkflow(container).run({
    input: {
      return_id: result.return_id!,
      items: [{ id: items[0].id, quantity: 1 }],
    },
  })
  await confirmReturnRequestWorkflow(container).run({
    input: { return_id: result.return_id! },
  })
  // One unit at what the invoice charged for it (the invoice was issued when the payment was captured).
  const invoices = container.resolve(INVOICE_MODULE) as InvoiceModuleService
  const [line] = await invoices.listInvoiceLines({ line_item_id: items[0].id })
  const unit = Number(line.total) / Number(line.quantity)
  await refundPayment(
    container,
    paymentId,
    Math.round(unit * 100) / 100,
    "Returned item"
  )
  await createCreditNotesWorkflow(container).run({
    input: { payment_id: paymentId },
  })
}

/** The admin login `npm run dev` prints: created once, left alone afterwards. Resolves with its email. */
async function ensureAdmin(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const email = process.env.MEDUSA_ADMIN_EMAIL || "admin@example.com"
  const password = process.env.MEDUSA_ADMIN_PASSWORD || "supersecret"
  const users = container.resolve(Modules.USER)
  if ((await users.listUsers({ email })).length) {
    return email
  }
  const auth = container.resolve(Modules.AUTH)
  const { result } = await createUsersWorkflow(container).run({
    input: { users: [{ email, first_name: "Demo", last_name: "Admin" }] },
  })
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email, password },
  })
  if (error || !authIdentity) {
    throw new Error(`Could not create the admin login: ${error}`)
  }
  await auth.updateAuthIdentities({
    id: authIdentity.id,
    app_metadata: { user_id: result[0].id },
  })
  logger.info(`[demo] admin user ${email} created`)
  return email
}
