import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { describeConnection } from "../helpers"

/** Logs in and reads the org's identity and API usage now. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const connection = await describeConnection(req.scope)
  const ok = connection.status === "connected"
  res.json({
    ok,
    message: ok
      ? `Connected to ${connection.instance_url} as ${connection.username}`
      : connection.last_error,
    connection,
  })
}
