import { EmulatorContext, seed } from "../context"
import { findObject } from "../schema/lookup"
import { createRecord, RecordFailure } from "../store/dml"
import { EmulatorHandle, Latency } from "../types"

/** The controls of a running emulator, shared by the in-process handle and the /__emulator routes. */
export type EmulatorControls = Pick<
  EmulatorHandle,
  | "records"
  | "insert"
  | "reset"
  | "requestLog"
  | "resetRequestLog"
  | "injectFault"
  | "clearFaults"
  | "injectRecordFault"
  | "recordFaults"
  | "clearRecordFaults"
  | "setChaos"
  | "faultStats"
  | "setRowLocks"
  | "setLatency"
  | "expireTokens"
  | "accessTokens"
  | "issueRefreshToken"
  | "setAnswerUrls"
  | "apiUsage"
  | "bulkJobs"
  | "setApiUsage"
>

export function createControls(ctx: EmulatorContext): EmulatorControls {
  const objectNamed = (name: string) => {
    const object = findObject(ctx.fullSchema, name)
    if (!object) {
      throw new Error(`Unknown object ${name}`)
    }
    return object
  }
  return {
    records: (name, options) =>
      ctx.store.all(objectNamed(name), options?.includeDeleted ?? false),
    insert: (name, fields) => {
      try {
        return ctx.store.transaction(
          () =>
            createRecord(
              {
                schema: ctx.fullSchema,
                store: ctx.store,
                userId: ctx.userId,
                apiVersion: ctx.config.latestApiVersion,
              },
              objectNamed(name),
              fields
            ).Id
        )
      } catch (error) {
        if (error instanceof RecordFailure) {
          throw new Error(`${name} not created: ${error.message}`)
        }
        throw error
      }
    },
    reset: () => {
      ctx.store.clear()
      ctx.sessions.clear()
      ctx.faults.clear()
      ctx.recordFaults.clear()
      ctx.chaos.clear()
      ctx.locks.clear()
      ctx.log.clear()
      ctx.cursors.clear()
      ctx.bulk.clear()
      ctx.usage.reset()
      ctx.answerUrls = {}
      seed(ctx)
    },
    requestLog: () => ctx.log.summary(),
    resetRequestLog: () => ctx.log.clear(),
    injectFault: (rule) => ctx.faults.add(rule),
    clearFaults: () => ctx.faults.clear(),
    injectRecordFault: (rule) => ctx.recordFaults.add(rule),
    recordFaults: () => ctx.recordFaults.list(),
    clearRecordFaults: () => ctx.recordFaults.clear(),
    setChaos: (settings) => ctx.chaos.configure(settings),
    faultStats: () => ctx.chaos.faultStats(),
    setRowLocks: (settings) => {
      const holdMs = Number(settings.holdMs ?? 0)
      if (!Number.isFinite(holdMs) || holdMs < 0) {
        throw new Error("holdMs must be a non-negative number")
      }
      ctx.locks.holdMs = holdMs
      return { holdMs }
    },
    setLatency: (latency: Partial<Latency>) => {
      ctx.latency = {
        fixedMs: Math.max(0, Number(latency.fixedMs ?? 0)),
        jitterMs: Math.max(0, Number(latency.jitterMs ?? 0)),
      }
    },
    expireTokens: () => ctx.sessions.expireAccessTokens(),
    accessTokens: () => ctx.sessions.activeAccessTokens(),
    setAnswerUrls: (urls) => {
      ctx.answerUrls = {
        ...(urls?.instanceUrl ? { instanceUrl: String(urls.instanceUrl) } : {}),
        ...(urls?.identityUrl ? { identityUrl: String(urls.identityUrl) } : {}),
        ...(urls?.nextRecordsOrigin
          ? { nextRecordsOrigin: String(urls.nextRecordsOrigin) }
          : {}),
      }
      return ctx.answerUrls
    },
    issueRefreshToken: () =>
      ctx.sessions.issueRefreshToken(ctx.userId, ctx.config.clientId),
    apiUsage: () => ({ used: ctx.usage.used, max: ctx.usage.max }),
    bulkJobs: () =>
      ctx.bulk.all().map((job) => ({
        id: job.id,
        object: job.object,
        operation: job.operation,
        ...(job.externalIdFieldName
          ? { externalIdFieldName: job.externalIdFieldName }
          : {}),
        state: job.state,
        numberRecordsProcessed: job.numberRecordsProcessed,
        numberRecordsFailed: job.numberRecordsFailed,
      })),
    setApiUsage: (usage) => {
      if (usage.used !== undefined) ctx.usage.used = Number(usage.used)
      if (usage.max !== undefined) ctx.usage.max = Number(usage.max)
    },
  }
}
