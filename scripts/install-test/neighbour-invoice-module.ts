/**
 * Files of a store's own invoice module, shaped like Medusa's invoice-generator recipe (medusajs/examples): a module
 * `invoiceGenerator` with a model called `invoice` (table "invoice"), linked to orders, and a route that reads it
 * through query. A merchant who followed the recipe has exactly these names, so the install test puts them beside
 * the plugin: the store must boot, and `invoice` must still mean the merchant's entity.
 */
export const NEIGHBOUR_MODULE_PATH = "./src/modules/invoice-generator"

export const neighbourInvoiceFiles: Record<string, string> = {
  "src/modules/invoice-generator/models/invoice.ts": `import { model } from "@medusajs/framework/utils"

export const Invoice = model.define("invoice", {
  id: model.id().primaryKey(),
  display_id: model.autoincrement(),
  order_id: model.text(),
  status: model.enum(["latest", "stale"]).default("latest"),
})
`,
  "src/modules/invoice-generator/service.ts": `import { MedusaService } from "@medusajs/framework/utils"
import { Invoice } from "./models/invoice"

export default class InvoiceGeneratorService extends MedusaService({ Invoice }) {}
`,
  "src/modules/invoice-generator/index.ts": `import { Module } from "@medusajs/framework/utils"
import InvoiceGeneratorService from "./service"

export const INVOICE_MODULE = "invoiceGenerator"

export default Module(INVOICE_MODULE, { service: InvoiceGeneratorService })
`,
  // What \`medusa db:generate invoiceGenerator\` writes for the model above.
  "src/modules/invoice-generator/migrations/Migration20250101000000.ts": `import { Migration } from "@mikro-orm/migrations"

export class Migration20250101000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(\`create table if not exists "invoice" ("id" text not null, "display_id" serial, "order_id" text not null, "status" text check ("status" in ('latest', 'stale')) not null default 'latest', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "invoice_pkey" primary key ("id"));\`)
  }

  async down(): Promise<void> {
    this.addSql(\`drop table if exists "invoice" cascade;\`)
  }
}
`,
  "src/links/order-invoice.ts": `import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import InvoiceModule from "../modules/invoice-generator"

export default defineLink(OrderModule.linkable.order, {
  linkable: InvoiceModule.linkable.invoice,
  isList: true,
})
`,
  // The merchant's own use of the name: query.graph({ entity: "invoice" }) and order.invoices are theirs.
  "src/api/admin/generated-invoices/route.ts": `import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export async function POST(req: MedusaRequest<{ order_id: string }>, res: MedusaResponse) {
  const service: any = req.scope.resolve("invoiceGenerator")
  const invoice = await service.createInvoices({ order_id: req.body.order_id })
  const link: any = req.scope.resolve(ContainerRegistrationKeys.LINK)
  await link.create({ order: { order_id: req.body.order_id }, invoiceGenerator: { invoice_id: invoice.id } })
  res.json({ invoice })
}

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: invoices } = await query.graph({ entity: "invoice", fields: ["id", "order_id", "status"] })
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "invoices.id", "msi_invoices.number"],
    filters: { id: invoices.map((i: any) => i.order_id) },
  })
  res.json({ invoices, orders })
}
`,
}
