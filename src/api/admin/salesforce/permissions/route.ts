import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { PermissionsResponse } from "../../../../utils/permissions"
import { permissionsOf } from "../../../utils/rbac"

/**
 * What the user may do in the plugin, so the admin shows only those controls. Every permission is true when the
 * store runs without RBAC. Open to every admin: it tells, it grants nothing.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<PermissionsResponse>
) => {
  res.json(await permissionsOf(req))
}
