import crypto from "node:crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
// eslint-disable-next-line @typescript-eslint/no-var-requires -- shared CommonJS helper, also used by `npm test`
const { copyDatabase } = require("../../scripts/lib/test-databases")

type RunnerOptions = Parameters<typeof medusaIntegrationTestRunner>[0]

/**
 * Medusa's whole-app test runner, started on a copy of the database `npm test` migrated once for the whole run
 * (MSI_TEST_MIGRATED_DB), so its own migrations find nothing left to do. A file run on its own, without that
 * database, migrates a new one as usual.
 */
export function storeTestRunner(options: RunnerOptions) {
  const template = process.env.MSI_TEST_MIGRATED_DB
  if (!template) {
    return medusaIntegrationTestRunner(options)
  }
  const dbName =
    options.dbName ?? `msi-http-${crypto.randomBytes(6).toString("hex")}`
  // A top-level hook: it runs before the runner's own, which creates the database only when it is missing.
  beforeAll(() => copyDatabase(template, dbName))
  return medusaIntegrationTestRunner({ ...options, dbName })
}
