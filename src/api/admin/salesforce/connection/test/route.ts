import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { testConnection } from "../helpers"

/** Logs in, reads the org's identity and API usage, and checks the field mapping against the org's describe. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const connection = await testConnection(req.scope)
  const mapping = connection.mapping_problems ?? []
  const ok = connection.status === "connected" && !mapping.length
  res.json({
    ok,
    message:
      connection.status !== "connected"
        ? connection.last_error
        : mapping.length
          ? `Connected to ${connection.instance_url}, but the field mapping does not fit this org: ${mapping.join("; ")}`
          : `Connected to ${connection.instance_url} as ${connection.username}`,
    connection,
  })
}
