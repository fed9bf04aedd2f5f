import { model } from "@medusajs/framework/utils"

/**
 * The REST calls this store made to Salesforce on one UTC day (id: YYYY-MM-DD): one row a day, incremented by every
 * batch's commit (and by the admin's own calls), so the settings page can say what share of the org's usage is ours.
 */
const ApiCallDay = model.define(
  { name: "msi_api_call_day", tableName: "msi_api_call_day" },
  {
    id: model.text().primaryKey(),
    calls: model.number().default(0),
  }
)

export default ApiCallDay
