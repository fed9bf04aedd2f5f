import { Request, Router } from "express"
import { EmulatorContext } from "../context"
import { Operations } from "./operations"
import { apiError } from "../errors"
import { runQuery } from "../soql/run-query"
import { Page } from "../soql/cursors"
import { handle, version } from "./helpers"

// query and queryAll: the first batch answers the SOQL, further batches come from nextRecordsUrl
// (/services/data/vXX.X/query/<locator>), 2,000 records a batch unless Sforce-Query-Options asks for fewer.

const DEFAULT_BATCH = 2000

function batchSize(req: Request): number {
  const match = /batchSize=(\d+)/i.exec(
    String(req.headers["sforce-query-options"] ?? "")
  )
  // Salesforce treats the size as a hint between 200 and 2,000.
  return match
    ? Math.min(DEFAULT_BATCH, Math.max(200, Number(match[1])))
    : DEFAULT_BATCH
}

/** The page with its nextRecordsUrl made absolute when the setAnswerUrls control asks for it. */
function withOrigin(ctx: EmulatorContext, page: Page): Page {
  const origin = ctx.answerUrls.nextRecordsOrigin
  return origin && page.nextRecordsUrl
    ? { ...page, nextRecordsUrl: `${origin}${page.nextRecordsUrl}` }
    : page
}

export function queryRoutes(
  ctx: EmulatorContext,
  operations: Operations
): Router {
  const router = operations.router()

  for (const resource of ["query", "queryAll"]) {
    router.get(
      `/${resource}`,
      handle((req, res) => {
        const soql = req.query.q
        if (typeof soql !== "string" || soql.trim() === "") {
          throw apiError(
            400,
            "MALFORMED_QUERY",
            "A query string has to be specified"
          )
        }
        const result = runQuery(
          { schema: ctx.schema, store: ctx.store, apiVersion: version(req) },
          soql,
          resource === "queryAll"
        )
        res.json(
          withOrigin(
            ctx,
            ctx.cursors.firstPage(
              result.rows,
              result.totalSize,
              batchSize(req),
              version(req)
            )
          )
        )
      })
    )
    router.get(
      `/${resource}/:locator`,
      handle((req, res) =>
        res.json(
          withOrigin(
            ctx,
            ctx.cursors.next(req.params.locator, batchSize(req), version(req))
          )
        )
      )
    )
  }

  return router.express
}
