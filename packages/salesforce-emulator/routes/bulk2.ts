import { Router } from "express"
import { DELIMITERS } from "../bulk/process"
import { startJob } from "../bulk/start-job"
import { IngestJob, IngestOperation, jobInfo } from "../bulk/jobs"
import { EmulatorContext } from "../context"
import { apiError, notFound } from "../errors"
import { makeId } from "../ids"
import { findObject } from "../schema/lookup"
import { formatDateTime } from "../store/coerce"
import { upsertKey } from "../store/dml"
import { handle, jsonObject, session } from "./helpers"

// Bulk API 2.0 ingest: create a job, PUT one CSV to /batches, PATCH state UploadComplete, poll the job, then read
// successfulResults, failedResults and unprocessedrecords. Processing starts right after the close, off the
// request, so clients see UploadComplete or InProgress before JobComplete as they would in a real org.

const OPERATIONS: IngestOperation[] = [
  "insert",
  "update",
  "upsert",
  "delete",
  "hardDelete",
]

const invalidJob = (message: string) =>
  apiError(400, "INVALIDJOB", `InvalidJob : ${message}`)

export function bulk2Routes(ctx: EmulatorContext): Router {
  const router = Router({ mergeParams: true })

  const job = (id: string): IngestJob => {
    const found = ctx.bulk.get(id)
    if (!found) {
      throw notFound()
    }
    return found
  }

  router.post(
    "/jobs/ingest",
    handle((req, res) => {
      const body = jsonObject(req)
      const object =
        typeof body.object === "string"
          ? findObject(ctx.schema, body.object)
          : undefined
      if (!object) {
        throw invalidJob(`Unable to find object: ${String(body.object)}`)
      }
      const operation = body.operation as IngestOperation
      if (!OPERATIONS.includes(operation)) {
        throw invalidJob(`Invalid operation: ${String(body.operation)}`)
      }
      const externalIdFieldName =
        typeof body.externalIdFieldName === "string"
          ? body.externalIdFieldName
          : undefined
      if (
        operation === "upsert" &&
        (!externalIdFieldName || !upsertKey(object, externalIdFieldName))
      ) {
        throw invalidJob(
          `External ID was blank or not an external ID field for ${object.name}: ${externalIdFieldName}`
        )
      }
      const columnDelimiter =
        typeof body.columnDelimiter === "string"
          ? body.columnDelimiter
          : "COMMA"
      if (!DELIMITERS[columnDelimiter]) {
        throw invalidJob(`Invalid column delimiter: ${columnDelimiter}`)
      }
      const now = formatDateTime(new Date())
      const created: IngestJob = {
        // Counted by the store, so ids stay unique across restarts of a persisted emulator.
        id: makeId("750", ctx.store.nextCounter("750")),
        operation,
        object: object.name,
        ...(externalIdFieldName ? { externalIdFieldName } : {}),
        createdById: session(res).userId,
        createdDate: now,
        systemModstamp: now,
        state: "Open",
        concurrencyMode: "Parallel",
        contentType: "CSV",
        apiVersion: Number(String(req.params.version).slice(1)),
        lineEnding: body.lineEnding === "CRLF" ? "CRLF" : "LF",
        columnDelimiter,
        upload: null,
        numberRecordsProcessed: 0,
        numberRecordsFailed: 0,
        totalProcessingTime: 0,
        successfulResults: "",
        failedResults: "",
        unprocessedRecords: "",
      }
      ctx.bulk.add(created)
      res.json(jobInfo(created, false))
    })
  )

  router.get(
    "/jobs/ingest",
    handle((_req, res) => {
      res.json({
        done: true,
        records: ctx.bulk.all().map((j) => jobInfo(j, false)),
        nextRecordsUrl: null,
      })
    })
  )

  router.put(
    "/jobs/ingest/:jobId/batches",
    handle((req, res) => {
      const target = job(req.params.jobId)
      if (target.state !== "Open" || target.upload !== null) {
        throw apiError(
          409,
          "INVALIDJOBSTATE",
          "Data for this job has already been uploaded or the job is not open"
        )
      }
      target.upload = typeof req.body === "string" ? req.body : ""
      ctx.bulk.changed()
      res.status(201).end()
    })
  )

  router.patch(
    "/jobs/ingest/:jobId",
    handle((req, res) => {
      const target = job(req.params.jobId)
      const { state } = jsonObject(req)
      if (
        state === "Aborted" &&
        ["Open", "UploadComplete", "InProgress"].includes(target.state)
      ) {
        target.state = "Aborted"
        // Nothing of an aborted job is processed: every uploaded row is unprocessed.
        target.unprocessedRecords = target.upload ?? ""
      } else if (state === "UploadComplete" && target.state === "Open") {
        target.state = "UploadComplete"
        startJob(ctx, target)
      } else {
        throw apiError(
          400,
          "INVALIDJOBSTATE",
          `Cannot change the state of a job from ${target.state} to ${String(state)}`
        )
      }
      target.systemModstamp = formatDateTime(new Date())
      ctx.bulk.changed()
      res.json(jobInfo(target, false))
    })
  )

  router.get(
    "/jobs/ingest/:jobId",
    handle((req, res) => res.json(jobInfo(job(req.params.jobId), true)))
  )

  router.delete(
    "/jobs/ingest/:jobId",
    handle((req, res) => {
      const target = job(req.params.jobId)
      if (["UploadComplete", "InProgress"].includes(target.state)) {
        throw apiError(
          400,
          "INVALIDJOBSTATE",
          "Cannot delete a job that is being processed"
        )
      }
      ctx.bulk.delete(target.id)
      res.status(204).end()
    })
  )

  const results = (name: string, pick: (j: IngestJob) => string) =>
    router.get(
      `/jobs/ingest/:jobId/${name}`,
      handle((req, res) => {
        const target = job(req.params.jobId)
        if (
          target.state !== "JobComplete" &&
          target.state !== "Failed" &&
          target.state !== "Aborted"
        ) {
          throw apiError(
            409,
            "INVALIDJOBSTATE",
            "Results are not available before the job is complete"
          )
        }
        res.status(200).type("text/csv").send(pick(target))
      })
    )
  results("successfulResults", (j) => j.successfulResults)
  results("failedResults", (j) => j.failedResults)
  results("unprocessedrecords", (j) => j.unprocessedRecords)

  return router
}
