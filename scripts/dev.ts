/**
 * `npm run dev`: everything a new user needs, on embedded defaults.
 * PostgreSQL (embedded unless DATABASE_URL is set) -> the Salesforce emulator (unless SALESFORCE_LOGIN_URL is set)
 * -> migrations -> demo data and admin user -> `medusa develop`. Ctrl-C stops Medusa, then the rest.
 */
import { ChildProcess } from "node:child_process"
import { isTruthy } from "@medusajs/framework/utils"
import { DEMO_ROLES } from "./demo/roles"
import {
  onSignals,
  prepareStore,
  startLocalStore,
  stopAll,
  waitForHealth,
} from "./lib/local-store"
import { spawnMedusa, stopGroup } from "./lib/medusa-process"
import { readyBanner } from "./lib/ready-banner"

const log = (line: string) => console.log(`[dev] ${line}`)

async function main() {
  const store = await startLocalStore(log)
  let server: ChildProcess | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    if (server) await stopGroup(server)
    await stopAll(store.stops, log)
    process.exit(code)
  }
  onSignals(() => void shutdown(0))

  try {
    await prepareStore(store.env, log)
  } catch (e) {
    log(String(e))
    return shutdown(1)
  }

  server = spawnMedusa(["develop"], store.env)
  server.on("exit", (code) => void shutdown(code ?? 0))
  const base = `http://localhost:${store.env.PORT}`
  if (await waitForHealth(base, 10 * 60_000, () => !stopping)) {
    console.log(readyBanner(base, store, rbacLogins(store.env)))
  }
}

/** With RBAC on, the seed made a login for each demo role (scripts/demo/roles.ts). */
function rbacLogins(env: NodeJS.ProcessEnv) {
  if (!isTruthy(env.MEDUSA_FF_RBAC)) {
    return []
  }
  return Object.values(DEMO_ROLES).map(
    (role) => `${role.name}: ${role.login.email} / ${role.login.password}`
  )
}

main().catch((error) => {
  log(String(error))
  process.exit(1)
})
