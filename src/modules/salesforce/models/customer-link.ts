import { model } from "@medusajs/framework/utils"

/**
 * The Salesforce Contact (and its Account) a customer email already resolved to, found by email or created by
 * the sync: a customer we know costs no query. Written with each batch's results (customer-link-sql.ts); a link
 * whose Contact Salesforce deleted or merged is dropped when an invoice pointing at it is refused.
 */
const CustomerLink = model.define(
  { name: "msi_customer_link", tableName: "msi_customer_link" },
  {
    /** The lower-cased customer email, as the Contact lookup matches it. */
    id: model.text().primaryKey(),
    contact_id: model.text(),
    account_id: model.text().nullable(),
  }
)

export default CustomerLink
