import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { listCatchUpCandidates } from "../../../queries/catch-up-candidates"

export const findInvoicesToCatchUpStepId = "msi-find-invoices-to-catch-up"

/**
 * Every invoice document that should be in Salesforce and is not as it is now: never sent, failed, or changed
 * since (outdated), and not already waiting in the outbox. Oldest first, so credit notes follow their invoices.
 * Read a page at a time (see listCatchUpCandidates), never as every invoice id beside every synced id.
 */
export const findInvoicesToCatchUpStep = createStep(
  findInvoicesToCatchUpStepId,
  async (_: void, { container }) => {
    const ids: string[] = []
    for (let afterId = ""; ;) {
      const page = await listCatchUpCandidates(container, { afterId })
      if (!page.length) break
      ids.push(...page)
      afterId = page[page.length - 1]
    }
    return new StepResponse(ids)
  }
)
