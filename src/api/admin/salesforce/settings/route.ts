import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { SALESFORCE_MODULE } from "../../../../modules/salesforce"
import type SalesforceModuleService from "../../../../modules/salesforce/service"
import type { SalesforceSettingsDTO } from "../../../../modules/salesforce/types"
import { updateSalesforceSettingsWorkflow } from "../../../../workflows/salesforce"
import type { AdminUpdateSalesforceSettingsType } from "../validators"

const present = ({
  enabled,
  automatic_sync,
  sync_notes,
  attach_pdf,
}: SalesforceSettingsDTO) => ({
  enabled,
  automatic_sync,
  sync_notes,
  attach_pdf,
})

export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: SalesforceModuleService = req.scope.resolve(SALESFORCE_MODULE)
  res.json({ settings: present(await service.getSettings()) })
}

export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateSalesforceSettingsType>,
  res: MedusaResponse
) => {
  const { result } = await updateSalesforceSettingsWorkflow(req.scope).run({
    input: req.validatedBody,
  })
  res.json({ settings: present(result) })
}
