import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ALL_PERMISSIONS } from "../../../utils/permissions"
import { permissionsOf } from "../rbac"

/** A request as the permissions route gets it, from a store with RBAC on or off and a user with `roles`. */
function request(rbac: boolean, roles?: string[]) {
  const flags = { isFeatureEnabled: (flag: string) => flag === "rbac" && rbac }
  return {
    auth_context: { actor_id: "user_1", app_metadata: { roles } },
    scope: {
      resolve: (key: string) => {
        if (key !== ContainerRegistrationKeys.FEATURE_FLAG_ROUTER) {
          // With no role to look up, Medusa needs nothing else from the container.
          throw new Error(`unexpected resolve of ${key}`)
        }
        return flags
      },
    },
  } as unknown as AuthenticatedMedusaRequest
}

describe("permissionsOf", () => {
  it("allows everything when the store runs without RBAC", async () => {
    const answer = await permissionsOf(request(false))
    expect(answer.rbac).toBe(false)
    expect(Object.keys(answer.permissions).sort()).toEqual(
      [...ALL_PERMISSIONS].sort()
    )
    expect(Object.values(answer.permissions).every(Boolean)).toBe(true)
  })

  it("allows nothing to a user without a role when RBAC is on, as Medusa's checks refuse them", async () => {
    const answer = await permissionsOf(request(true, []))
    expect(answer.rbac).toBe(true)
    expect(Object.values(answer.permissions).some(Boolean)).toBe(false)
  })
})
