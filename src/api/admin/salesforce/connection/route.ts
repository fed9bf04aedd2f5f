import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { storedConnection } from "./helpers"

/** The connection as last seen by a test or a sync (see storedConnection): a read, no call to Salesforce. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  res.json({ connection: await storedConnection(req.scope) })
}
