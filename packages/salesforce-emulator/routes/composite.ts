import { Request, Response, Router } from "express"
import { EmulatorContext } from "../context"
import { apiError, ApiError, SalesforceError } from "../errors"
import { handle, jsonObject, Operation } from "./helpers"
import { Operations } from "./operations"

// POST /composite: up to 25 subrequests in one API call, run in order as the same user, each answered with its own
// status, headers and body. Later subrequests use earlier answers through @{referenceId.path}. With allOrNone, a
// failing subrequest rolls the whole call back: the others answer PROCESSING_HALTED. Without it, only the
// subrequests that reference a failed one are halted. sObject Collections subrequests keep their own allOrNone.

const MAX_SUBREQUESTS = 25
/** At most this many subrequests may be sObject Collections or queries. */
const MAX_COLLECTIONS_OR_QUERIES = 5

const DATA_URL = /^\/services\/data\/(v\d+\.\d+)(\/[^?]*)(\?.*)?$/
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g

type Subrequest = {
  method: string
  url: string
  referenceId: string
  body?: unknown
  httpHeaders?: Record<string, string>
}

type SubResponse = {
  body: unknown
  httpHeaders: Record<string, string>
  httpStatusCode: number
  referenceId: string
}

const halted = (referenceId: string, message: string): SubResponse => ({
  body: [{ errorCode: "PROCESSING_HALTED", message }],
  httpHeaders: {},
  httpStatusCode: 400,
  referenceId,
})

const ROLLED_BACK =
  "The transaction was rolled back since another operation in the same transaction failed."

class RollBack extends Error {}

class Unresolved extends Error {}

function subrequests(body: Record<string, unknown>): Subrequest[] {
  const list = body.compositeRequest
  if (!Array.isArray(list) || list.length === 0) {
    throw apiError(
      400,
      "JSON_PARSER_ERROR",
      "compositeRequest must be a non-empty list of subrequests"
    )
  }
  if (list.length > MAX_SUBREQUESTS) {
    throw apiError(
      400,
      "LIMIT_EXCEEDED",
      `A composite request can have up to ${MAX_SUBREQUESTS} subrequests; this one has ${list.length}.`
    )
  }
  const seen = new Set<string>()
  let collectionsOrQueries = 0
  for (const [i, sub] of list.entries()) {
    const { method, url, referenceId } = (sub ?? {}) as Partial<Subrequest>
    if (
      typeof method !== "string" ||
      typeof url !== "string" ||
      typeof referenceId !== "string"
    ) {
      throw apiError(
        400,
        "JSON_PARSER_ERROR",
        `compositeRequest[${i}] needs method, url and referenceId`
      )
    }
    if (!/^[A-Za-z0-9_]+$/.test(referenceId) || seen.has(referenceId)) {
      throw apiError(
        400,
        "INVALID_INPUT",
        seen.has(referenceId)
          ? `Duplicate referenceId provided in the request: ${referenceId}`
          : `Invalid referenceId: ${referenceId}. Use letters, digits and underscores only.`
      )
    }
    seen.add(referenceId)
    const path = DATA_URL.exec(url)?.[2] ?? ""
    if (/^\/(composite\/sobjects|query|queryAll)(\/|$)/i.test(path)) {
      collectionsOrQueries += 1
    }
  }
  if (collectionsOrQueries > MAX_COLLECTIONS_OR_QUERIES) {
    throw apiError(
      400,
      "LIMIT_EXCEEDED",
      `A composite request can have up to ${MAX_COLLECTIONS_OR_QUERIES} sObject Collections or query ` +
        `subrequests; this one has ${collectionsOrQueries}.`
    )
  }
  return list as Subrequest[]
}

/** The value at `.records[0].Id`-style path of an earlier answer. */
function valueAt(root: unknown, path: string): unknown {
  let value = root
  for (const [, name, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== "object") {
      return undefined
    }
    value = (value as Record<string, unknown>)[name ?? Number(index)]
  }
  return value
}

function resolver(answers: Map<string, SubResponse>) {
  const resolve = (ref: string, path: string) => {
    const answer = answers.get(ref)
    const value =
      answer && answer.httpStatusCode < 400
        ? valueAt(answer.body, path)
        : undefined
    if (value === undefined || value === null) {
      throw new Unresolved(
        `Invalid reference specified. No value for ${ref}${path} found in ${ref}. ` +
          `Provided referenceId ('${ref}') must refer to a successful earlier subrequest.`
      )
    }
    return value
  }
  const inText = (text: string) =>
    text.replace(REFERENCE, (_all, ref: string, path: string) =>
      String(resolve(ref, path))
    )
  const inValue = (value: unknown): unknown => {
    if (typeof value === "string") {
      // A string that is one reference takes the referenced value as it is (a number stays a number).
      const whole = new RegExp(`^${REFERENCE.source}$`).exec(value)
      return whole ? resolve(whole[1], whole[2]) : inText(value)
    }
    if (Array.isArray(value)) {
      return value.map(inValue)
    }
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, inValue(v)])
      )
    }
    return value
  }
  return { inText, inValue }
}

/** The answer a subrequest's operation gives, captured instead of sent. */
function capture(parent: Response) {
  const answer = {
    status: 200,
    body: null as unknown,
    headers: {} as Record<string, string>,
  }
  const res = {
    // The same session, row-lock owner and chaos draw as the composite call: one transaction, one user.
    locals: { ...parent.locals },
    status(code: number) {
      answer.status = code
      return res
    },
    json(body: unknown) {
      answer.body = body
      return res
    },
    send(body: unknown) {
      answer.body = body
      return res
    },
    end() {
      return res
    },
    type() {
      return res
    },
    setHeader(name: string, value: unknown) {
      answer.headers[name] = String(value)
      return res
    },
  }
  // Operations use only these members of Express's response.
  return { res: res as unknown as Response, answer }
}

function run(
  ctx: EmulatorContext,
  operation: Operation,
  req: Request,
  res: Response
): void {
  try {
    ctx.store.transaction(() => operation(req, res))
  } catch (error) {
    if (error instanceof SalesforceError) {
      res.status(error.status).json(error.errors)
      return
    }
    console.error("[salesforce-emulator] composite subrequest failed", error)
    res.status(500).json([
      {
        errorCode: "UNKNOWN_EXCEPTION",
        message: `An unexpected error occurred: ${(error as Error).message}`,
      } satisfies ApiError,
    ])
  }
}

export function compositeRequestRoutes(
  ctx: EmulatorContext,
  operations: Operations
): Router {
  const router = Router({ mergeParams: true })

  const execute = (
    sub: Subrequest,
    answers: Map<string, SubResponse>,
    parent: Response
  ): SubResponse => {
    const { inText, inValue } = resolver(answers)
    let url: string
    let body: unknown
    try {
      url = inText(sub.url)
      body = sub.body === undefined ? undefined : inValue(sub.body)
    } catch (error) {
      if (error instanceof Unresolved) {
        return halted(sub.referenceId, error.message)
      }
      throw error
    }
    const parts = DATA_URL.exec(url)
    const method = sub.method.toUpperCase()
    const found = parts ? operations.match(method, parts[2]) : undefined
    if (!parts || !found) {
      return {
        body: [
          {
            errorCode: "NOT_FOUND",
            message: "The requested resource does not exist",
          },
        ],
        httpHeaders: {},
        httpStatusCode: 404,
        referenceId: sub.referenceId,
      }
    }
    const req = {
      method,
      url,
      originalUrl: url,
      params: { version: parts[1], ...found.params },
      query: Object.fromEntries(new URLSearchParams(parts[3] ?? "")),
      headers: Object.fromEntries(
        Object.entries(sub.httpHeaders ?? {}).map(([k, v]) => [
          k.toLowerCase(),
          String(v),
        ])
      ),
      body: body === undefined ? "" : JSON.stringify(body),
      // Operations read only these members of Express's request.
    } as unknown as Request
    const { res, answer } = capture(parent)
    run(ctx, found.operation, req, res)
    return {
      body: answer.body,
      httpHeaders: answer.headers,
      httpStatusCode: answer.status,
      referenceId: sub.referenceId,
    }
  }

  router.post(
    "/composite",
    handle((req, res) => {
      const input = jsonObject(req)
      const list = subrequests(input)
      const allOrNone = input.allOrNone === true
      const answers = new Map<string, SubResponse>()
      let results: SubResponse[] = []
      try {
        ctx.store.transaction(() => {
          for (const sub of list) {
            const failed = results.some((r) => r.httpStatusCode >= 400)
            const answer =
              allOrNone && failed
                ? halted(sub.referenceId, ROLLED_BACK)
                : execute(sub, answers, res)
            answers.set(sub.referenceId, answer)
            results.push(answer)
          }
          if (allOrNone && results.some((r) => r.httpStatusCode >= 400)) {
            throw new RollBack()
          }
        })
      } catch (error) {
        if (!(error instanceof RollBack)) {
          throw error
        }
        // Everything is undone: the subrequests that had succeeded say so.
        results = results.map((r) =>
          r.httpStatusCode < 400 ? halted(r.referenceId, ROLLED_BACK) : r
        )
      }
      res.json({ compositeResponse: results })
    })
  )

  return router
}
