import { NextFunction, Request, Response } from "express"
import { EmulatorContext } from "../context"
import { apiError, fromRecordErrors, notFound } from "../errors"
import { normalizeId } from "../ids"
import { findObject } from "../schema/lookup"
import { ObjectSchema } from "../schema/types"
import { writeGuard } from "../controls/write-guard"
import { DmlContext, RecordFailure } from "../store/dml"
import { Session } from "../oauth/sessions"
import { SObjectRecord } from "../store/record-store"

/**
 * Every REST handler goes through this: it raises a failed session or limit check first, and forwards errors of
 * async handlers, which Express 4 does not do by itself.
 */
export function handle(fn: Operation) {
  const handler = (req: Request, res: Response, next: NextFunction) => {
    if (res.locals.rejection) {
      next(res.locals.rejection)
      return
    }
    try {
      Promise.resolve(fn(req, res)).catch(next)
    } catch (error) {
      next(error)
    }
  }
  // The composite resource runs the operation itself, inside its own transaction.
  return Object.assign(handler, { operation: fn })
}

/** A REST operation: reads the request, answers through res. Synchronous, so a composite call can roll it back. */
export type Operation = (req: Request, res: Response) => unknown

/** The request body as JSON; malformed JSON is Salesforce's 400 JSON_PARSER_ERROR, never a crash. */
export function jsonBody(req: Request): unknown {
  const text = typeof req.body === "string" ? req.body : ""
  if (text.trim() === "") {
    return null
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw apiError(
      400,
      "JSON_PARSER_ERROR",
      `Unexpected character in the request body: ${(error as Error).message}`
    )
  }
}

export function jsonObject(req: Request): Record<string, unknown> {
  const body = jsonBody(req)
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw apiError(
      400,
      "JSON_PARSER_ERROR",
      `Cannot deserialize instance of the request object from ${Array.isArray(body) ? "START_ARRAY" : "VALUE"} token`
    )
  }
  return body as Record<string, unknown>
}

/** The object named in the URL; unknown objects are 404 NOT_FOUND on REST resources. */
export function urlObject(ctx: EmulatorContext, name: string): ObjectSchema {
  const object = findObject(ctx.schema, name)
  if (!object) {
    throw notFound()
  }
  return object
}

export function session(res: Response): Session {
  return res.locals.session as Session
}

export function dmlContext(ctx: EmulatorContext, res: Response): DmlContext {
  return {
    schema: ctx.schema,
    store: ctx.store,
    userId: session(res).userId,
    guard: writeGuard(ctx, {
      owner: res.locals.lockOwner as number | undefined,
      chaosLock: res.locals.chaosLock === true,
    }),
  }
}

/** The API version of the request, e.g. "62.0". */
export function version(req: Request): string {
  return String(req.params.version).slice(1)
}

export function recordUrl(
  apiVersion: string,
  object: ObjectSchema,
  id: string
): string {
  return `/services/data/v${apiVersion}/sobjects/${object.name}/${id}`
}

/** A record as GET /sobjects/X/id returns it: attributes, then the fields asked for (all by default). */
export function recordBody(
  apiVersion: string,
  object: ObjectSchema,
  record: SObjectRecord,
  fields?: string[]
) {
  const body: Record<string, unknown> = {
    attributes: {
      type: object.name,
      url: recordUrl(apiVersion, object, record.Id),
    },
  }
  for (const field of object.fields) {
    if (
      !fields ||
      fields.some((f) => f.toLowerCase() === field.name.toLowerCase())
    ) {
      body[field.name] = record[field.name] ?? null
    }
  }
  return body
}

/** The record behind /sobjects/X/{id}, with the 404s Salesforce answers for bad, unknown and deleted ids. */
export function recordAt(
  ctx: EmulatorContext,
  object: ObjectSchema,
  rawId: string
): SObjectRecord {
  const id = normalizeId(rawId)
  if (!id || id.slice(0, 3) !== object.keyPrefix) {
    // Salesforce reads a value that is not an id of this object as an external ID field name.
    throw apiError(
      404,
      "NOT_FOUND",
      `Provided external ID field does not exist or is not accessible: ${rawId}`
    )
  }
  const record = ctx.store.get(object, id)
  if (!record) {
    throw notFound()
  }
  if (record.IsDeleted) {
    throw apiError(404, "ENTITY_IS_DELETED", "entity is deleted", [])
  }
  return record
}

/** Runs a single-record write; a record failure becomes the 400 error array of the call. */
export function single<T>(ctx: EmulatorContext, fn: () => T): T {
  try {
    return ctx.store.transaction(fn)
  } catch (error) {
    if (error instanceof RecordFailure) {
      throw fromRecordErrors(400, error.errors)
    }
    throw error
  }
}
