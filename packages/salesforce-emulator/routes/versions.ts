import { Router } from "express"
import { EmulatorContext } from "../context"
import { notFound } from "../errors"

// GET /services/data (no session needed) lists the API versions; each version's root lists its resources.

const FIRST_VERSION = 20

/** Release names run Winter, Spring, Summer; v62.0 is Winter '25. */
function label(major: number): string {
  const offset = major - 62
  const season = ["Winter", "Spring", "Summer"][((offset % 3) + 3) % 3]
  const year = 25 + Math.floor(offset / 3)
  return `${season} '${String(year).padStart(2, "0")}`
}

export function apiVersions(ctx: EmulatorContext) {
  const latest = Math.floor(Number(ctx.config.latestApiVersion))
  const versions: { label: string; url: string; version: string }[] = []
  for (let major = FIRST_VERSION; major <= latest; major++) {
    versions.push({
      label: label(major),
      url: `/services/data/v${major}.0`,
      version: `${major}.0`,
    })
  }
  return versions
}

/** Rejects versions the org does not serve, as a real org answers 404 NOT_FOUND for them. */
export function checkVersion(ctx: EmulatorContext, raw: string): void {
  const match = /^v(\d+)\.0$/.exec(raw)
  if (
    !match ||
    Number(match[1]) < FIRST_VERSION ||
    Number(match[1]) > Number(ctx.config.latestApiVersion)
  ) {
    throw notFound()
  }
}

export function resources(version: string) {
  const base = `/services/data/v${version}`
  return {
    limits: `${base}/limits`,
    sobjects: `${base}/sobjects`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    composite: `${base}/composite`,
    jobs: `${base}/jobs`,
    identity: "",
  }
}

export function versionRoutes(ctx: EmulatorContext): Router {
  const router = Router()
  router.get("/services/data", (_req, res) => {
    res.json(apiVersions(ctx))
  })
  return router
}
