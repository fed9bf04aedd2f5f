import { randomUUID } from "node:crypto"
import os from "node:os"
import type { MedusaContainer } from "@medusajs/framework/types"
import { drainSalesforceOutboxWorkflow } from "../workflows/drain-salesforce-outbox"

/** A lease owner id naming this process, unique per drain loop. */
export function drainOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
}

/**
 * Drains the outbox: one workflow run per batch (claim, send, commit), until nothing is left to claim or a halt
 * (refused credentials, spent daily limit) stops sending. A halt for the API budget goes on: the next claims take
 * only Retries, which go past the budget. Safe to run in any number of processes at once. Returns how many
 * documents it claimed.
 */
export async function drainOutbox(
  container: MedusaContainer,
  { maxBatches = Infinity }: { maxBatches?: number } = {}
): Promise<number> {
  const owner = drainOwner()
  let claimed = 0
  for (let batch = 0; batch < maxBatches; batch++) {
    const { result } = await drainSalesforceOutboxWorkflow(container).run({
      input: { owner },
    })
    claimed += result.claimed
    if (!result.claimed || (result.halted && result.halted !== "api_budget"))
      break
  }
  return claimed
}
