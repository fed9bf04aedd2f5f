import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { listCatchUpCandidates } from "../../../queries/catch-up-candidates"

export const findInvoicesToCatchUpStepId = "find-invoices-to-catch-up"

/**
 * Every invoice document that should be in Salesforce and is not as it is now: never sent, failed, or changed
 * since (outdated). Oldest first, so credit notes follow their invoices. Read a page at a time (see
 * listCatchUpCandidates), never as every invoice id beside every synced id.
 */
export const findInvoicesToCatchUpStep = createStep(
  findInvoicesToCatchUpStepId,
  async (_: void, { container }) => {
    const ids: string[] = []
    for (let afterSequence = 0; ;) {
      const page = await listCatchUpCandidates(container, { afterSequence })
      if (!page.length) break
      ids.push(...page.map((c) => c.id))
      afterSequence = page[page.length - 1].sequence
    }
    return new StepResponse(ids)
  }
)
