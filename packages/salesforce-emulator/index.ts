import http from "node:http"
import { AddressInfo } from "node:net"
import { createContext, resolveConfig } from "./context"
import { createControls } from "./controls/controls"
import { createApp } from "./http/app"
import { EmulatorHandle, EmulatorOptions } from "./types"

export type {
  BulkJobSummary,
  EmulatorHandle,
  EmulatorOptions,
  Latency,
  AnswerUrls,
} from "./types"
export type { FaultRule } from "./controls/faults"
export type {
  RecordFaultRule,
  ActiveRecordFault,
} from "./controls/record-faults"
export type { ChaosClass, ChaosSettings, FaultStats } from "./controls/chaos"
export { CHAOS_CLASSES } from "./controls/chaos"
export type { RowLockSettings } from "./controls/row-locks"
export type { RequestLogSummary, LoggedRequest } from "./controls/request-log"
export type { SObjectRecord } from "./store/record-store"
export { DEFAULTS as EMULATOR_DEFAULTS } from "./context"

/** localhost, 127.0.0.0/8 or ::1: addresses no other machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase()
  return (
    bare === "localhost" ||
    bare === "::1" ||
    /^127(\.\d{1,3}){3}$/.test(bare) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(bare)
  )
}

/** `start({ port, metadataDir, ... })`: the same function as startEmulator, under the name the README uses. */
export const start = (options: EmulatorOptions = {}) => startEmulator(options)

/**
 * Starts a Salesforce REST API emulator on loopback. Resolves once it listens; `url` serves as both the login URL
 * and the instance URL of the org it emulates.
 */
export async function startEmulator(
  options: EmulatorOptions = {}
): Promise<EmulatorHandle> {
  const config = resolveConfig(options)
  if (!isLoopbackHost(config.host) && !config.allowRemote) {
    // The default credentials are public and the test controls rewrite the org: nothing to offer beyond this machine.
    throw new Error(
      `the emulator listens on loopback only; host ${config.host} needs allowRemote (--allow-remote): its credentials are for development only`
    )
  }
  const ctx = createContext(config)
  const controls = createControls(ctx)
  if (options.latency) {
    controls.setLatency(options.latency)
  }
  if (options.rowLocks) {
    controls.setRowLocks(options.rowLocks)
  }
  const server = http.createServer(createApp(ctx, controls))
  // Clients such as jsforce keep connections alive; without this stop() would wait for them to time out.
  server.keepAliveTimeout = 5000

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(config.port, config.host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(":") ? `[${config.host}]` : config.host
  ctx.baseUrl = `http://${host}:${port}`

  let stopped = false
  return {
    url: ctx.baseUrl,
    port,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    username: config.username,
    password: config.password,
    orgId: ctx.orgId,
    userId: ctx.userId,
    ...controls,
    flush: async () => {
      await ctx.persist?.flush()
    },
    stop: async () => {
      if (stopped) {
        return
      }
      stopped = true
      await ctx.persist?.flush()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
