import type { LoaderOptions } from "@medusajs/framework/types"
import { asValue } from "awilix"
import { fieldMappingProblems } from "../field-mapping"
import { validateConnectionOptions } from "../lib/auth"
import { SalesforceClient } from "../lib/client"
import type { SalesforceModuleOptions } from "../types"

/**
 * (Not named "connectionLoader": Medusa reserves that name for the module's database connection.)
 *
 * Registers the Salesforce client in the module's container, built once from the module options. A bad or
 * missing configuration is not fatal: the store runs, and every sync explains what is missing.
 */
export default async function salesforceClientLoader({
  container,
  options,
}: LoaderOptions<SalesforceModuleOptions>) {
  const logger = container.resolve("logger")
  const connection = options?.connection
  // A mapping that cannot be right stops the sync as a bad connection does: nothing is sent, every sync says why.
  const problems = [
    ...(connection ? validateConnectionOptions(connection) : []),
    ...fieldMappingProblems(options?.fieldMapping),
  ]
  const client =
    connection && !problems.length ? new SalesforceClient(connection) : null
  if (problems.length) {
    // The problems name options, never their values.
    logger.warn(`[salesforce] connection not usable: ${problems.join("; ")}`)
  }
  container.register({
    salesforceClient: asValue(client),
    salesforceConfigProblems: asValue(problems),
  })
}
