/**
 * Medusa's RBAC behind one adapter: the rest of the plugin names a Permission and never Medusa's API, which is
 * still moving (2.21 checks `policies` on middleware routes; newer releases use an `authorize()` middleware).
 * When it moves, only this file changes.
 */
import type {
  AuthenticatedMedusaRequest,
  MiddlewareRoute,
  MiddlewareVerb,
} from "@medusajs/framework/http"
import { resolvePermissions } from "@medusajs/framework"
import type { IFlagRouter } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  ALL_PERMISSIONS,
  type Permission,
  type PermissionsResponse,
  policyOf,
} from "../../utils/permissions"

/**
 * A middleware route that lets through only users holding `permission`. In 2.21 that is a route policy: with
 * MEDUSA_FF_RBAC on, Medusa answers 403 "Insufficient permissions. Required policies: <resource:operation>" to a
 * user whose roles lack it (a bare "Forbidden" to a user with no role at all); with the flag off it is inert.
 */
export function requirePermission(
  method: MiddlewareVerb,
  matcher: string,
  permission: Permission
): MiddlewareRoute {
  return { methods: [method], matcher, policies: [policyOf(permission)] }
}

/**
 * Which permissions the user holds, judged as the route policies judge them: by the roles in the user's token
 * (Medusa puts them there at login), so the admin shows exactly what the server will let through.
 */
export async function permissionsOf(
  req: AuthenticatedMedusaRequest
): Promise<PermissionsResponse> {
  const roles = req.auth_context.app_metadata?.roles
  const granted = await resolvePermissions({
    roles: Array.isArray(roles) ? (roles as string[]) : [],
    universe: ALL_PERMISSIONS.map(policyOf),
    container: req.scope,
  })
  return {
    rbac: req.scope
      .resolve<IFlagRouter>(ContainerRegistrationKeys.FEATURE_FLAG_ROUTER)
      .isFeatureEnabled("rbac"),
    permissions: Object.fromEntries(
      ALL_PERMISSIONS.map((p) => [p, granted.has(p)])
    ) as Record<Permission, boolean>,
  }
}
