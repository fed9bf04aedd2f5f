import fs from "node:fs"
import path from "node:path"
import { ROUTE_PERMISSIONS } from "../route-policies"

const ADMIN = path.join(__dirname, "..")
/** The one admin route open to every admin: it answers what the user may do. */
const OPEN = ["GET /admin/salesforce/permissions"]

/** "METHOD /admin/..." for every handler a route.ts under src/api/admin exports. */
function handlers(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name === "__tests__" ? [] : handlers(file)
    }
    if (entry.name !== "route.ts") {
      return []
    }
    const matcher = path
      .relative(path.join(ADMIN, ".."), dir)
      .split(path.sep)
      .map((segment) => segment.replace(/^\[(.+)\]$/, ":$1"))
      .join("/")
    const source = fs.readFileSync(file, "utf8")
    return [
      ...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map(([, method]) => `${method} /${matcher}`)
  })
}

describe("route policies", () => {
  it("names a permission for every admin route of the plugin, and no route that does not exist", () => {
    const routes = handlers(ADMIN).filter((r) => !OPEN.includes(r))
    const covered = ROUTE_PERMISSIONS.map(([m, matcher]) => `${m} ${matcher}`)
    expect(routes.length).toBeGreaterThan(20)
    expect([...covered].sort()).toEqual([...routes].sort())
  })
})
