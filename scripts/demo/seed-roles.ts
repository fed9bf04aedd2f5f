/**
 * With MEDUSA_FF_RBAC on: the demo roles and their logins (roles.ts), and the demo admin as Super Admin (under RBAC
 * a user without a role may do nothing). Runs on every start and does nothing the second time; without RBAC,
 * nothing.
 */
import type { IFlagRouter, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createRbacRolesWorkflow,
  createUsersWorkflow,
} from "@medusajs/medusa/core-flows"
import { DASHBOARD_BASICS, DEMO_ROLES, type DemoRole } from "./roles"

/** Medusa's own role holding every policy ("*:*"), created by its RBAC module. */
const SUPER_ADMIN_ROLE = "role_super_admin"

function rbacEnabled(container: MedusaContainer) {
  return container
    .resolve<IFlagRouter>(ContainerRegistrationKeys.FEATURE_FLAG_ROUTER)
    .isFeatureEnabled("rbac")
}

/** Creates the demo roles and their logins where missing; gives `adminEmail` the Super Admin role. */
export async function ensureDemoRoles(
  container: MedusaContainer,
  adminEmail: string
) {
  if (!rbacEnabled(container)) {
    return
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await ensureUserRole(container, adminEmail, SUPER_ADMIN_ROLE)
  for (const role of Object.values(DEMO_ROLES)) {
    const roleId = await ensureRole(container, role)
    const created = await ensureLogin(container, role.login, roleId)
    if (created) {
      logger.info(
        `[demo] ${role.name}: ${role.login.email} / ${role.login.password}`
      )
    }
  }
}

async function ensureRole(
  container: MedusaContainer,
  role: (typeof DEMO_ROLES)[DemoRole]
) {
  const rbac = container.resolve(Modules.RBAC)
  const [existing] = await rbac.listRbacRoles({ name: role.name })
  if (existing) {
    return existing.id
  }
  // Medusa stores the policies declared in code (ours in src/policies) when the app starts, before this runs.
  const keys = [...role.permissions, ...DASHBOARD_BASICS]
  const policies = await rbac.listRbacPolicies({ key: keys })
  const missing = keys.filter((k) => !policies.some((p) => p.key === k))
  if (missing.length) {
    throw new Error(`RBAC policies not found: ${missing.join(", ")}`)
  }
  const { result } = await createRbacRolesWorkflow(container).run({
    input: {
      roles: [
        {
          name: role.name,
          description: role.description,
          policy_ids: policies.map((p) => p.id),
        },
      ],
    },
  })
  return result[0].id
}

/** Creates the user with the role and a password login; false when the user was there already. */
async function ensureLogin(
  container: MedusaContainer,
  login: { email: string; password: string },
  roleId: string
) {
  const users = container.resolve(Modules.USER)
  if ((await users.listUsers({ email: login.email })).length) {
    return false
  }
  const { result } = await createUsersWorkflow(container).run({
    input: { users: [{ email: login.email, roles: [roleId] }] },
  })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: login,
  })
  if (error || !authIdentity) {
    throw new Error(`Could not create the login ${login.email}: ${error}`)
  }
  await auth.updateAuthIdentities({
    id: authIdentity.id,
    app_metadata: { user_id: result[0].id },
  })
  return true
}

async function ensureUserRole(
  container: MedusaContainer,
  email: string,
  roleId: string
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "user",
    fields: ["id", "rbac_roles.id"],
    filters: { email },
  })
  const user = data[0] as
    { id: string; rbac_roles?: { id: string }[] | null } | undefined
  if (!user || user.rbac_roles?.some((r) => r.id === roleId)) {
    return
  }
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.USER]: { user_id: user.id },
    [Modules.RBAC]: { rbac_role_id: roleId },
  })
}
