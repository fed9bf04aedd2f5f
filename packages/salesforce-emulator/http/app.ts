import express, { Router } from "express"
import { EmulatorContext } from "../context"
import { EmulatorControls } from "../controls/controls"
import { controlRoutes } from "../controls/routes"
import { oauthRoutes } from "../oauth/routes"
import { identityUrl } from "../oauth/identity"
import { bulk2Routes } from "../routes/bulk2"
import { collectionRoutes } from "../routes/collections"
import { compositeRequestRoutes } from "../routes/composite"
import { Operations } from "../routes/operations"
import { handle, version } from "../routes/helpers"
import { queryRoutes } from "../routes/query"
import { sobjectRoutes } from "../routes/sobjects"
import { resources, versionRoutes } from "../routes/versions"
import {
  errorHandler,
  faultsAndLatency,
  notFoundHandler,
  requestLogger,
  restApiGate,
  transactionScope,
} from "./middleware"

function restApi(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true })
  router.use(restApiGate(ctx))
  router.get(
    "/",
    handle((req, res) =>
      res.json({ ...resources(version(req)), identity: identityUrl(ctx) })
    )
  )
  router.get(
    "/limits",
    handle((_req, res) => res.json(ctx.usage.limits()))
  )
  const operations = new Operations()
  router.use(sobjectRoutes(ctx, operations))
  router.use(collectionRoutes(ctx, operations))
  router.use(queryRoutes(ctx, operations))
  router.use(compositeRequestRoutes(ctx, operations))
  router.use(bulk2Routes(ctx))
  return router
}

export function createApp(
  ctx: EmulatorContext,
  controls: EmulatorControls
): express.Express {
  const app = express()
  app.disable("x-powered-by")
  app.set("etag", false)
  app.use("/__emulator", controlRoutes(ctx, controls))
  app.use(requestLogger(ctx))
  app.use(faultsAndLatency(ctx))
  app.use(transactionScope(ctx))
  // One raw-text body for every route: JSON, form and CSV bodies are parsed where their shape is known, so
  // malformed JSON becomes Salesforce's JSON_PARSER_ERROR rather than a generic parser failure.
  app.use(express.text({ type: () => true, limit: "150mb" }))
  app.use(versionRoutes(ctx))
  app.use(oauthRoutes(ctx))
  app.use("/services/data/:version", restApi(ctx))
  app.use(notFoundHandler)
  app.use(errorHandler())
  return app
}
