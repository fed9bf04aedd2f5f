import { NextFunction, Request, Response } from "express"
import { ChaosClass } from "../controls/chaos"
import { faultResponse, oauthFaultResponse } from "../controls/faults"
import { EmulatorContext } from "../context"
import { SalesforceError, sessionInvalid } from "../errors"
import { checkVersion } from "../routes/versions"

// The request pipeline around the routes: the request log, latency and fault injection first (they stand for the
// network and the server, so they apply before anything else), then session and API-limit checks for the REST API.

const DATA_PREFIX = /^\/services\/data\/v\d+\.\d+/

/** The endpoint a request hit, e.g. "PATCH /composite/sobjects/{object}/{field}", for the per-endpoint counts. */
function endpointOf(req: Request): string {
  const route = (req.route as { path?: string } | undefined)?.path
  const template = route
    ? route.replace(/:(\w+)(\([^)]*\))?/g, "{$1}")
    : undefined
  const path = req.originalUrl.split("?")[0]
  if (DATA_PREFIX.test(path)) {
    return `${req.method} ${template ?? path.replace(DATA_PREFIX, "")}`
  }
  return `${req.method} ${template ?? path}`
}

export function requestLogger(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = Date.now()
    const record = () => {
      res.removeListener("finish", record)
      res.removeListener("close", record)
      ctx.log.add({
        at: new Date(started).toISOString(),
        method: req.method,
        path: req.originalUrl,
        endpoint: endpointOf(req),
        status: res.headersSent ? res.statusCode : 0,
        durationMs: Date.now() - started,
      })
    }
    res.on("finish", record)
    res.on("close", record)
    next()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"])

/** The request is handled as usual, its writes committed, but the socket closes instead of the answer. */
function dropAfterCommit(req: Request, res: Response): void {
  // Express answers through res.end; replacing it keeps every route unaware of the fault.
  res.end = (() => {
    req.socket.destroy()
    return res
  }) as unknown as Response["end"]
}

/** What a chaos draw does to the request before it is handled; true when the request is answered already. */
function applyChaos(
  ctx: EmulatorContext,
  kind: ChaosClass,
  req: Request,
  res: Response
): { answered: boolean; delayMs: number } {
  const settings = ctx.chaos.current()
  // A "lock" request counts each record it fails, in the write guard; the other classes count once here.
  if (kind !== "lock") {
    ctx.chaos.count(kind)
  }
  switch (kind) {
    case "500":
    case "503": {
      const { status, body } = faultResponse({ status: Number(kind) })
      res.setHeader("Sforce-Limit-Info", ctx.usage.header())
      res.status(status).json(body)
      return { answered: true, delayMs: 0 }
    }
    case "timeout":
      return { answered: false, delayMs: settings.timeoutMs }
    case "commit-then-drop":
      dropAfterCommit(req, res)
      break
    case "token-expiry":
      ctx.sessions.expireAccessTokens()
      break
    case "daily-limit":
      ctx.usage.exhaustFor(settings.dailyLimitMs)
      break
    case "lock":
      res.locals.chaosLock = true
      break
  }
  return { answered: false, delayMs: 0 }
}

export function faultsAndLatency(ctx: EmulatorContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const path = req.originalUrl.split("?")[0]
    const rule = ctx.faults.take(req.method, req.originalUrl)
    if (
      rule &&
      (rule.drop || rule.status || rule.errorCode || rule.body !== undefined)
    ) {
      ctx.chaos.count("rule")
    }
    let chaosDelay = 0
    if (!rule && DATA_PREFIX.test(path)) {
      const kind = ctx.chaos.draw(WRITES.has(req.method))
      if (kind) {
        const outcome = applyChaos(ctx, kind, req, res)
        if (outcome.answered) {
          return
        }
        chaosDelay = outcome.delayMs
      }
    }
    const delay =
      ctx.latency.fixedMs +
      Math.random() * ctx.latency.jitterMs +
      (rule?.latencyMs ?? 0) +
      Math.random() * (rule?.jitterMs ?? 0) +
      chaosDelay
    if (delay > 0) {
      await sleep(delay)
    }
    if (rule?.drop === "before-response") {
      req.socket.destroy()
      return
    }
    if (rule?.drop === "after-commit") {
      dropAfterCommit(req, res)
      next()
      return
    }
    if (rule?.drop) {
      // Headers and the start of a body, then the socket closes: what a client sees when a connection dies.
      res.writeHead(200, {
        "Content-Type": "application/json;charset=UTF-8",
        "Content-Length": "4096",
      })
      res.write('[{"id":"')
      setTimeout(() => req.socket.destroy(), 5)
      return
    }
    if (rule?.body !== undefined) {
      res
        .status(rule.status ?? 500)
        .type(rule.contentType ?? "text/plain")
        .send(rule.body)
      return
    }
    if (rule && (rule.status !== undefined || rule.errorCode !== undefined)) {
      if (path.startsWith("/services/oauth2/")) {
        const { status, body } = oauthFaultResponse(rule)
        res.status(status).json(body)
        return
      }
      const { status, body } = faultResponse(rule)
      res.setHeader("Sforce-Limit-Info", ctx.usage.header())
      res.status(status).json(body)
      return
    }
    next()
  }
}

/**
 * One transaction per request for the row locks: its writes claim locks, and when the emulator holds locks
 * (holdMs > 0) a request that wrote answers only after holding them that long, then releases them.
 */
export function transactionScope(ctx: EmulatorContext) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const owner = ctx.locks.open()
    res.locals.lockOwner = owner
    const release = () => ctx.locks.release(owner)
    res.on("close", release)
    const end = res.end.bind(res) as (...args: unknown[]) => Response
    // Express answers through res.end: delaying it is the commit point of every route's transaction.
    res.end = ((...args: unknown[]) => {
      const holdMs = ctx.locks.holdMs
      if (holdMs > 0 && ctx.locks.holds(owner)) {
        setTimeout(() => {
          release()
          end(...args)
        }, holdMs)
        return res
      }
      release()
      return end(...args)
    }) as unknown as Response["end"]
    next()
  }
}

/**
 * Version, session and API budget checks for /services/data/vXX.X/*. A failed check is raised by the route handler
 * (see handle()), not here, so the request log still counts it under the endpoint it was meant for.
 */
export function restApiGate(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      checkVersion(ctx, String(req.params.version))
      const header = req.headers.authorization ?? ""
      const token = header.replace(/^(Bearer|OAuth)\s+/i, "")
      const session = token ? ctx.sessions.session(token) : undefined
      if (!session) {
        throw sessionInvalid()
      }
      res.locals.session = session
      res.locals.apiVersion = String(req.params.version).slice(1)
      try {
        ctx.usage.count()
      } finally {
        res.setHeader("Sforce-Limit-Info", ctx.usage.header())
      }
    } catch (error) {
      res.locals.rejection = error
    }
    next()
  }
}

export function notFoundHandler(
  _req: Request,
  res: Response,
  next: NextFunction
) {
  if (res.locals.rejection) {
    next(res.locals.rejection)
    return
  }
  res.status(404).json([
    {
      errorCode: "NOT_FOUND",
      message: "The requested resource does not exist",
    },
  ])
}

export function errorHandler() {
  // Express recognises error handlers by their four parameters.
  return (
    error: unknown,
    _req: Request,
    res: Response,
    _next: NextFunction
  ) => {
    if (res.headersSent) {
      res.end()
      return
    }
    if (error instanceof SalesforceError) {
      res.status(error.status).json(error.errors)
      return
    }
    const type = (error as { type?: string }).type
    if (type === "entity.too.large") {
      res.status(413).json([
        {
          errorCode: "REQUEST_ENTITY_TOO_LARGE",
          message: "Request entity too large",
        },
      ])
      return
    }
    if (type) {
      // Other body-parser failures: aborted uploads, bad encodings.
      res
        .status(400)
        .json([
          { errorCode: "JSON_PARSER_ERROR", message: (error as Error).message },
        ])
      return
    }
    // A bug in the emulator, not bad input: say so loudly, but answer like Salesforce and keep serving.
    console.error("[salesforce-emulator] unexpected error", error)
    res.status(500).json([
      {
        errorCode: "UNKNOWN_EXCEPTION",
        message: `An unexpected error occurred: ${(error as Error).message}`,
      },
    ])
  }
}
