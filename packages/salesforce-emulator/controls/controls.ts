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
  | "setLatency"
  | "expireTokens"
  | "issueRefreshToken"
  | "apiUsage"
  | "setApiUsage"
>

export function createControls(ctx: EmulatorContext): EmulatorControls {
  const objectNamed = (name: string) => {
    const object = findObject(ctx.schema, name)
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
              { schema: ctx.schema, store: ctx.store, userId: ctx.userId },
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
      ctx.log.clear()
      ctx.cursors.clear()
      ctx.bulk.clear()
      ctx.usage.used = 0
      seed(ctx)
    },
    requestLog: () => ctx.log.summary(),
    resetRequestLog: () => ctx.log.clear(),
    injectFault: (rule) => ctx.faults.add(rule),
    clearFaults: () => ctx.faults.clear(),
    setLatency: (latency: Partial<Latency>) => {
      ctx.latency = {
        fixedMs: Math.max(0, Number(latency.fixedMs ?? 0)),
        jitterMs: Math.max(0, Number(latency.jitterMs ?? 0)),
      }
    },
    expireTokens: () => ctx.sessions.expireAccessTokens(),
    issueRefreshToken: () =>
      ctx.sessions.issueRefreshToken(ctx.userId, ctx.config.clientId),
    apiUsage: () => ({ used: ctx.usage.used, max: ctx.usage.max }),
    setApiUsage: (usage) => {
      if (usage.used !== undefined) ctx.usage.used = Number(usage.used)
      if (usage.max !== undefined) ctx.usage.max = Number(usage.max)
    },
  }
}
