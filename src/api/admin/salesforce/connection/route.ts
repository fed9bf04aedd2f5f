import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { describeConnection } from "./helpers"

/** The connection now: who we are in which org and how much of the daily API budget is used (two API calls). */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  res.json({ connection: await describeConnection(req.scope) })
}
