import { useQuery } from "@tanstack/react-query"
import type { Permission, PermissionsResponse } from "../../utils/permissions"
import { sdk } from "./sdk"

/**
 * What the user may do in the plugin, as the server answers it (everything when the store runs without RBAC).
 * `can` is false until the answer is in, so a control the user may not use never shows, not even for a moment.
 * The roles come from the login, so the answer holds for the whole session.
 */
export function usePermissions() {
  const { data } = useQuery({
    queryKey: ["salesforce", "permissions"],
    queryFn: () =>
      sdk.client.fetch<PermissionsResponse>("/admin/salesforce/permissions"),
    staleTime: Infinity,
  })
  return {
    can: (permission: Permission) => data?.permissions[permission] === true,
  }
}
