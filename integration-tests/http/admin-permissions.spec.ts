// RBAC on for this store. Set before the runner loads medusa-config.ts (it does in its beforeAll), which reads it.
process.env.MEDUSA_FF_RBAC = "true"

import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  generateJwtToken,
  Modules,
} from "@medusajs/framework/utils"
import { DEMO_ROLES } from "../../scripts/demo/roles"
import { ensureDemoRoles } from "../../scripts/demo/seed-roles"
import { ROUTE_PERMISSIONS } from "../../src/api/admin/route-policies"
import type { Permission } from "../../src/utils/permissions"
import { storeTestRunner } from "../helpers/runner"

jest.setTimeout(180_000)

type Method = "GET" | "POST"
/** [method, matcher, a request to it, the permission it must need]. Bodies are harmless: an allowed call fails
 * validation (400), finds nothing (404) or finds sync off (409), and changes nothing. */
const ROUTES: [Method, string, string, Permission, object?][] = [
  ["GET", "/admin/invoices", "/admin/invoices", "msi_invoice:read"],
  ["POST", "/admin/invoices", "/admin/invoices", "msi_invoice:create", {}],
  [
    "GET",
    "/admin/invoices/:id",
    "/admin/invoices/inv_none",
    "msi_invoice:read",
  ],
  [
    "GET",
    "/admin/invoices/:id/pdf",
    "/admin/invoices/inv_none/pdf",
    "msi_invoice:read",
  ],
  [
    "GET",
    "/admin/invoices/:id/e-invoice",
    "/admin/invoices/inv_none/e-invoice",
    "msi_invoice:read",
  ],
  [
    "POST",
    "/admin/invoices/:id/comments",
    "/admin/invoices/inv_none/comments",
    "msi_invoice:create",
    {},
  ],
  [
    "GET",
    "/admin/invoices/:id/salesforce-preview",
    "/admin/invoices/inv_none/salesforce-preview",
    "msi_salesforce:read_sync_log",
  ],
  [
    "POST",
    "/admin/invoices/:id/salesforce-sync",
    "/admin/invoices/inv_none/salesforce-sync",
    "msi_salesforce:sync",
    {},
  ],
  [
    "POST",
    "/admin/invoices/salesforce-sync",
    "/admin/invoices/salesforce-sync",
    "msi_salesforce:sync",
    {},
  ],
  [
    "POST",
    "/admin/salesforce/sync-orders",
    "/admin/salesforce/sync-orders",
    "msi_salesforce:sync",
    {},
  ],
  [
    "POST",
    "/admin/salesforce/catch-up",
    "/admin/salesforce/catch-up",
    "msi_salesforce:sync",
  ],
  [
    "GET",
    "/admin/salesforce/settings",
    "/admin/salesforce/settings",
    "msi_salesforce:read",
  ],
  [
    "POST",
    "/admin/salesforce/settings",
    "/admin/salesforce/settings",
    "msi_salesforce:configure",
    { nope: true },
  ],
  [
    "GET",
    "/admin/salesforce/connection",
    "/admin/salesforce/connection",
    "msi_salesforce:read",
  ],
  [
    "POST",
    "/admin/salesforce/connection/test",
    "/admin/salesforce/connection/test",
    "msi_salesforce:configure",
  ],
  [
    "GET",
    "/admin/salesforce/sync-health",
    "/admin/salesforce/sync-health",
    "msi_salesforce:read_sync_log",
  ],
  [
    "GET",
    "/admin/salesforce/sync-log",
    "/admin/salesforce/sync-log",
    "msi_salesforce:read_sync_log",
  ],
  [
    "GET",
    "/admin/salesforce/sync-log/:id",
    "/admin/salesforce/sync-log/satt_none",
    "msi_salesforce:read_sync_log",
  ],
  [
    "GET",
    "/admin/salesforce/sync-log/export",
    "/admin/salesforce/sync-log/export",
    "msi_salesforce:export",
  ],
  [
    "GET",
    "/admin/salesforce/sync-runs",
    "/admin/salesforce/sync-runs",
    "msi_salesforce:read_sync_log",
  ],
  [
    "GET",
    "/admin/salesforce/sync-runs/:id",
    "/admin/salesforce/sync-runs/srun_none",
    "msi_salesforce:read_sync_log",
  ],
  [
    "GET",
    "/admin/salesforce/reconciliation",
    "/admin/salesforce/reconciliation",
    "msi_salesforce:read_sync_log",
  ],
]

/** What each demo role may do, written out here rather than read from the roles, so a changed role fails. */
const ALLOWED: Record<"financeViewer" | "syncOperator", Permission[]> = {
  financeViewer: [
    "msi_invoice:read",
    "msi_salesforce:read",
    "msi_salesforce:read_sync_log",
  ],
  syncOperator: [
    "msi_invoice:read",
    "msi_salesforce:read",
    "msi_salesforce:read_sync_log",
    "msi_salesforce:sync",
  ],
}

const ADMIN = { email: "rbac-admin@test.local", password: "rbac-admin-secret" }

storeTestRunner({
  testSuite: ({ api, getContainer }) => {
    const send = (
      method: Method,
      url: string,
      headers: object,
      body?: object
    ) =>
      api
        .request({
          method,
          url,
          data: body,
          headers,
          validateStatus: () => true,
        })
        .then((r: { status: number; data: { message?: string } }) => r)

    /** Logs in through Medusa's own route, which puts the user's roles in the token the checks read. */
    const logIn = async (login: { email: string; password: string }) => {
      const { data } = await api.post("/auth/user/emailpass", login)
      return { authorization: `Bearer ${data.token}` }
    }

    let tokens: Record<"superAdmin" | keyof typeof ALLOWED, object>
    beforeAll(async () => {
      const container = getContainer()
      await createLogin(container, ADMIN)
      await ensureDemoRoles(container, ADMIN.email)
      tokens = {
        superAdmin: await logIn(ADMIN),
        financeViewer: await logIn(DEMO_ROLES.financeViewer.login),
        syncOperator: await logIn(DEMO_ROLES.syncOperator.login),
      }
    })

    /** What each route answers the user: "allowed", or the 403's message. */
    const tryEveryRoute = async (headers: object) => {
      const outcomes: [string, string][] = []
      for (const [method, , url, , body] of ROUTES) {
        const res = await send(method, url, headers, body)
        outcomes.push([
          `${method} ${url}`,
          res.status === 403
            ? `403 ${res.data.message}`
            : res.status === 401
              ? "401"
              : "allowed",
        ])
      }
      return outcomes
    }
    const refusedWithout = (permission: Permission) =>
      `403 Insufficient permissions. Required policies: ${permission}`

    it("tries every admin route of the plugin", () => {
      const tried = ROUTES.map(([m, matcher]) => `${m} ${matcher}`).sort()
      expect(tried).toEqual(
        ROUTE_PERMISSIONS.map(([m, matcher]) => `${m} ${matcher}`).sort()
      )
    })

    it.each(Object.keys(ALLOWED) as (keyof typeof ALLOWED)[])(
      "lets the %s role do what it may, refuses the rest naming the permission, and tells it which is which",
      async (role) => {
        expect(await tryEveryRoute(tokens[role])).toEqual(
          ROUTES.map(([method, , url, permission]) => [
            `${method} ${url}`,
            ALLOWED[role].includes(permission)
              ? "allowed"
              : refusedWithout(permission),
          ])
        )
        const res = await send(
          "GET",
          "/admin/salesforce/permissions",
          tokens[role]
        )
        expect(res.status).toBe(200)
        expect(res.data).toEqual({
          rbac: true,
          permissions: Object.fromEntries(
            [...new Set(ROUTES.map((r) => r[3]))].map((p) => [
              p,
              ALLOWED[role].includes(p),
            ])
          ),
        })
      }
    )

    it("lets a Super Admin do everything", async () => {
      expect(await tryEveryRoute(tokens.superAdmin)).toEqual(
        ROUTES.map(([method, , url]) => [`${method} ${url}`, "allowed"])
      )
    })

    it("refuses every route to an admin with no role at all", async () => {
      const lone = { email: "no-role@test.local", password: "no-role-secret" }
      await createLogin(getContainer(), lone)
      const headers = await logIn(lone)
      // Medusa names no permission to a user without any role: its check stops at "no roles".
      expect(await tryEveryRoute(headers)).toEqual(
        ROUTES.map(([method, , url]) => [`${method} ${url}`, "403 Forbidden"])
      )
      const res = await send("GET", "/admin/salesforce/permissions", headers)
      expect(Object.values(res.data.permissions as object)).not.toContain(true)
    })

    it("answers 401 on every admin route without a token and with a customer's token", async () => {
      const customer = await customerToken(getContainer())
      const everyRoute = [
        ...ROUTES,
        ["GET", "", "/admin/salesforce/permissions"] as const,
      ]
      const statuses: [string, number, number][] = []
      for (const [method, , url, , body] of everyRoute) {
        statuses.push([
          `${method} ${url}`,
          (await send(method, url, {}, body)).status,
          (await send(method, url, customer, body)).status,
        ])
      }
      expect(statuses).toEqual(
        everyRoute.map(([method, , url]) => [`${method} ${url}`, 401, 401])
      )
    })
  },
})

/** An admin user with a password login and no role. */
async function createLogin(
  container: MedusaContainer,
  login: { email: string; password: string }
) {
  const user = await container
    .resolve(Modules.USER)
    .createUsers({ email: login.email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity } = await auth.register("emailpass", { body: login })
  await auth.updateAuthIdentities({
    id: authIdentity!.id,
    app_metadata: { user_id: user.id },
  })
}

/** A valid token of a store customer: a real actor, just not an admin. */
async function customerToken(container: MedusaContainer) {
  const customer = await container
    .resolve(Modules.CUSTOMER)
    .createCustomers({ email: `shopper-${Date.now()}@test.local` })
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const token = generateJwtToken(
    {
      actor_id: customer.id,
      actor_type: "customer",
      auth_identity_id: "authid_shopper",
      app_metadata: { customer_id: customer.id },
    },
    { secret: config.projectConfig.http.jwtSecret!, expiresIn: "1h" }
  )
  return { authorization: `Bearer ${token}` }
}
