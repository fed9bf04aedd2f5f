import type { ExecArgs } from "@medusajs/framework/types"
import { drainOutbox } from "../../src/workflows/salesforce/utils/drain-outbox"

/**
 * Run by the crash test with `medusa exec` in a child process against the test's database: drains the outbox as
 * a worker would. With SALESFORCE_TEST_PAUSE_AFTER_PUSH_FILE set (medusa-config turns it into the module's
 * outbox.afterPush option) it stops after Salesforce answered, before the commit, and waits to be killed.
 */
export default async function drainOnce({ container }: ExecArgs) {
  await drainOutbox(container)
}
