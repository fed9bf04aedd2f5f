import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { INVOICE_MODULE } from "../../../../../modules/invoice"
import type InvoiceModuleService from "../../../../../modules/invoice/service"
import { SALESFORCE_MODULE } from "../../../../../modules/salesforce"
import { packSteps } from "../../../../../modules/salesforce/composite-pack"
import { customerKeyOf } from "../../../../../modules/salesforce/mapping"
import type SalesforceModuleService from "../../../../../modules/salesforce/service"
import { planToSend } from "../../../../../workflows/salesforce/utils/send-batch"
import { sendContextFor } from "../../../../../workflows/salesforce/utils/send-context"

/**
 * Exactly the records a sync of this document would send now, in the order it would send them, without writing
 * anything to Salesforce: the same context, contact matching and plan as the drain (send-context.ts,
 * planToSend). Matching the customer may cost one read-only query (a customer not linked yet is looked up by
 * email); without a connection, only the customer links already known are used.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const invoices: InvoiceModuleService = req.scope.resolve(INVOICE_MODULE)
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  const [invoice] = await invoices.listSyncableInvoices([req.params.id])
  if (!invoice) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Invoice with id: ${req.params.id} was not found`
    )
  }
  const settings = await service.getSettings()
  const context = await sendContextFor(service, [invoice], settings.sync_notes)
  const connected = !service.configurationProblems().length
  // No connection: plan with the known links only (the queries would fail); the answer says the lookup was skipped.
  const { plan, contacts } = connected
    ? await service.meteredCall(() => planToSend(context, [invoice]))
    : await planToSend(context, [invoice], { lookUp: false })

  const email = invoice.customer_email?.toLowerCase() ?? null
  const linked = email ? context.knownContacts?.get(email) : undefined
  const found = email ? contacts.get(email) : undefined
  const key = customerKeyOf(invoice)
  const customer = {
    email,
    // linked: a Contact this store resolved before; found: an existing Contact with the email (matched, not
    // changed); create: our Account and Contact, upserted by the customer's external ID; none: no customer.
    match: linked ? "linked" : found ? "found" : key ? "create" : "none",
    contact_id: (linked ?? found)?.contactId ?? null,
    account_id: (linked ?? found)?.accountId ?? null,
    external_id: linked || found ? null : key,
    looked_up: connected,
  }
  const version = service.apiVersion()
  res.json({
    preview: {
      invoice_id: invoice.id,
      number: invoice.number,
      customer,
      records: plan.steps.flatMap((step) =>
        step.records.map((record) => ({
          object: step.object,
          endpoint: `PATCH /services/data/v${version}/composite/sobjects/${step.object}/${step.externalIdField}`,
          external_id_field: step.externalIdField,
          external_id: record.key,
          fields: record.fields,
          requires: record.requires,
        }))
      ),
      deletions: plan.deletions.map(({ object, id }) => ({ object, id })),
      // Each composite request is one API call.
      api_calls: packSteps(plan.steps).length + (plan.deletions.length ? 1 : 0),
    },
  })
}
