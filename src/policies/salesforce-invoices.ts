import { definePolicies } from "@medusajs/framework/utils"
import { ALL_PERMISSIONS, PERMISSIONS, policyOf } from "../utils/permissions"

/**
 * The plugin's RBAC policies. Medusa imports every file of a `policies` folder at boot and, with MEDUSA_FF_RBAC on,
 * stores these so roles can be given them (Settings > Roles, or scripts/demo/roles.ts).
 */
export const salesforceInvoicesPolicies = definePolicies(
  ALL_PERMISSIONS.map((permission) => ({
    ...policyOf(permission),
    name: PERMISSIONS[permission].name,
    description: PERMISSIONS[permission].description,
  }))
)
