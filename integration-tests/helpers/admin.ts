import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  generateJwtToken,
  Modules,
} from "@medusajs/framework/utils"

/** Creates an admin user with an emailpass identity and returns request headers that log in as them. */
export async function adminHeaders(
  container: MedusaContainer,
  email = "admin@test.local"
) {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const [existing] = await userModule.listUsers({ email })
  const user =
    existing ??
    (await userModule.createUsers({
      email,
      first_name: "Ada",
      last_name: "Admin",
    }))
  const identity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: identity.id,
      app_metadata: { user_id: user.id },
    },
    { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` }, user }
}
