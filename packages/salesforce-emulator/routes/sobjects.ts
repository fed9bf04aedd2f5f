import { Request, Response, Router } from "express"
import { EmulatorContext } from "../context"
import { Operations } from "./operations"
import { notFound } from "../errors"
import {
  describeBasic,
  describeGlobal,
  describeObject,
} from "../schema/describe"
import {
  createRecord,
  deleteRecord,
  MultipleMatches,
  updateRecord,
  upsertKey,
  upsertRecord,
} from "../store/dml"
import {
  dmlContext,
  handle,
  jsonObject,
  recordAt,
  recordBody,
  recordUrl,
  single,
  urlObject,
  version,
} from "./helpers"

// sObject resources: describe, record create / read / update / delete, and access by external ID.

export function sobjectRoutes(
  ctx: EmulatorContext,
  operations: Operations
): Router {
  const router = operations.router()

  router.get(
    "/sobjects",
    handle((req, res) => res.json(describeGlobal(ctx.schema, version(req))))
  )

  router.get(
    "/sobjects/:object",
    handle((req, res) =>
      res.json(describeBasic(urlObject(ctx, req.params.object), version(req)))
    )
  )

  router.get(
    "/sobjects/:object/describe",
    handle((req, res) =>
      res.json(describeObject(urlObject(ctx, req.params.object), version(req)))
    )
  )

  router.post(
    "/sobjects/:object",
    handle((req, res) => {
      const object = urlObject(ctx, req.params.object)
      const input = jsonObject(req)
      const record = single(ctx, () =>
        createRecord(dmlContext(ctx, res), object, input)
      )
      res.setHeader("Location", recordUrl(version(req), object, record.Id))
      res.status(201).json({ id: record.Id, success: true, errors: [] })
    })
  )

  router.get(
    "/sobjects/:object/:id",
    handle((req, res) => {
      const object = urlObject(ctx, req.params.object)
      const record = recordAt(ctx, object, req.params.id)
      const fields =
        typeof req.query.fields === "string"
          ? req.query.fields.split(",")
          : undefined
      res.json(recordBody(version(req), object, record, fields))
    })
  )

  router.patch(
    "/sobjects/:object/:id",
    handle((req, res) => {
      const object = urlObject(ctx, req.params.object)
      const record = recordAt(ctx, object, req.params.id)
      const input = jsonObject(req)
      single(ctx, () =>
        updateRecord(dmlContext(ctx, res), object, record.Id, input)
      )
      res.status(204).end()
    })
  )

  router.delete(
    "/sobjects/:object/:id",
    handle((req, res) => {
      const object = urlObject(ctx, req.params.object)
      const record = recordAt(ctx, object, req.params.id)
      single(ctx, () => deleteRecord(dmlContext(ctx, res), object, record.Id))
      res.status(204).end()
    })
  )

  const byExternalId = (
    objectName: string,
    fieldName: string,
    value: string
  ) => {
    const object = urlObject(ctx, objectName)
    const key = upsertKey(object, fieldName)
    if (!key) {
      throw notFound()
    }
    return { object, key, matches: ctx.store.findBy(object, key, value) }
  }

  /**
   * The one record an external ID names for GET and DELETE: 404 when none, and when several, Salesforce's 300
   * with their URLs is answered here and null comes back.
   */
  const oneByExternalId = (req: Request, res: Response) => {
    const { object, matches } = byExternalId(
      req.params.object,
      req.params.field,
      req.params.value
    )
    if (matches.length === 0) {
      throw notFound()
    }
    if (matches.length > 1) {
      res
        .status(300)
        .json(matches.map((r) => recordUrl(version(req), object, r.Id)))
      return null
    }
    return { object, record: matches[0] }
  }

  router.get(
    "/sobjects/:object/:field/:value",
    handle((req, res) => {
      const found = oneByExternalId(req, res)
      if (found) {
        res.json(recordBody(version(req), found.object, found.record))
      }
    })
  )

  // Upsert: 201 { id, success, errors, created: true } when it creates, 200 with created: false when it updates
  // (API 46.0+; older versions answered 204), 300 with the matching records' URLs when the key is ambiguous.
  router.patch(
    "/sobjects/:object/:field/:value",
    handle((req, res) => {
      const { object, key } = byExternalId(
        req.params.object,
        req.params.field,
        req.params.value
      )
      const input = jsonObject(req)
      try {
        const { record, created } = single(ctx, () =>
          upsertRecord(
            dmlContext(ctx, res),
            object,
            key,
            req.params.value,
            input
          )
        )
        res
          .status(created ? 201 : 200)
          .json({ id: record.Id, success: true, errors: [], created })
      } catch (error) {
        if (error instanceof MultipleMatches) {
          res
            .status(300)
            .json(error.ids.map((id) => recordUrl(version(req), object, id)))
          return
        }
        throw error
      }
    })
  )

  router.delete(
    "/sobjects/:object/:field/:value",
    handle((req, res) => {
      const found = oneByExternalId(req, res)
      if (found) {
        single(ctx, () =>
          deleteRecord(dmlContext(ctx, res), found.object, found.record.Id)
        )
        res.status(204).end()
      }
    })
  )

  return router.express
}
