import fs from "node:fs"
import path from "node:path"
import { Chaos } from "./controls/chaos"
import { Faults } from "./controls/faults"
import { RecordFaults } from "./controls/record-faults"
import { RowLocks } from "./controls/row-locks"
import { RequestLog } from "./controls/request-log"
import { makeId } from "./ids"
import { ApiUsage } from "./limits"
import { SessionStore } from "./oauth/sessions"
import { loadSchema } from "./schema/load-schema"
import { findSourceDirs } from "./schema/source-dirs"
import { enableMultiCurrency } from "./schema/multi-currency"
import { readPermissionSets, userSchema } from "./schema/permissions"
import { findObject } from "./schema/lookup"
import { ObjectSchema, Schema } from "./schema/types"
import { QueryCursors } from "./soql/cursors"
import { formatDateTime } from "./store/coerce"
import { PersistFile } from "./store/persist"
import { RecordStore } from "./store/record-store"
import { BulkJobs } from "./bulk/jobs"
import { startJob } from "./bulk/start-job"
import { EmulatorOptions, Latency, AnswerUrls } from "./types"

/** The resolved options: every default filled in. */
export type EmulatorConfig = Required<
  Omit<
    EmulatorOptions,
    | "jwtCertificate"
    | "persistFile"
    | "securityToken"
    | "latency"
    | "rowLocks"
    | "permissionSets"
    | "multiCurrency"
    | "metadataDir"
    | "schemaDir"
  >
> & {
  /** The SFDX folder the metadata comes from; null: standard objects only. */
  schemaDir: string | null
  jwtCertificate?: string
  persistFile?: string
  securityToken?: string
  permissionSets?: string[]
  multiCurrency?: { activeCurrencies: string[] }
}

/** Everything a request handler may need; one per running emulator, so several can run in one process. */
export type EmulatorContext = {
  config: EmulatorConfig
  /** The org's schema as the integration user sees it (its permission sets applied): what the API serves. */
  schema: Schema
  /** Everything in the org, for the store and the test controls. */
  fullSchema: Schema
  store: RecordStore
  sessions: SessionStore
  usage: ApiUsage
  log: RequestLog
  faults: Faults
  recordFaults: RecordFaults
  chaos: Chaos
  locks: RowLocks
  cursors: QueryCursors
  bulk: BulkJobs
  persist: PersistFile | null
  latency: Latency
  /** Set by the setAnswerUrls control. */
  answerUrls: AnswerUrls
  orgId: string
  userId: string
  /** The emulator's own URL, known once it listens. */
  baseUrl: string
}

export const DEFAULTS = {
  clientId: "medusa-emulator-client",
  clientSecret: "medusa-emulator-secret",
  username: "integration@medusa.emulator",
  password: "medusa-emulator-password",
}

/** The package's own folder, from its source (.ts) or its build (dist/*.js). */
function packageRoot(): string {
  let dir = __dirname
  while (
    !fs.existsSync(path.join(dir, "package.json")) &&
    path.dirname(dir) !== dir
  ) {
    dir = path.dirname(dir)
  }
  return dir
}

/**
 * The Medusa invoice metadata of this repository, when the emulator runs from it; installed from npm there is none,
 * and without metadataDir the org has only the standard objects.
 */
function defaultSchemaDir(): string | null {
  const dir = path.resolve(
    packageRoot(),
    "..",
    "..",
    "salesforce",
    "force-app",
    "main",
    "default"
  )
  return fs.existsSync(dir) ? dir : null
}

export function resolveConfig(options: EmulatorOptions): EmulatorConfig {
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    allowRemote: options.allowRemote ?? false,
    clientId: options.clientId ?? DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? DEFAULTS.clientSecret,
    username: options.username ?? DEFAULTS.username,
    password: options.password ?? DEFAULTS.password,
    securityToken: options.securityToken,
    jwtCertificate: options.jwtCertificate,
    jwtAudiences: options.jwtAudiences ?? [
      "https://login.salesforce.com",
      "https://test.salesforce.com",
    ],
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    dailyApiLimit: options.dailyApiLimit ?? 100000,
    persistFile: options.persistFile,
    permissionSets: options.permissionSets,
    multiCurrency: options.multiCurrency,
    schemaDir: options.metadataDir ?? options.schemaDir ?? defaultSchemaDir(),
    latestApiVersion: options.latestApiVersion ?? "64.0",
    bulkProcessingMs: options.bulkProcessingMs ?? 0,
  }
}

export function object(ctx: EmulatorContext, name: string): ObjectSchema {
  return findObject(ctx.fullSchema, name) as ObjectSchema
}

/** The org and its integration user exist in every org, so they are there after every reset. */
export function seed(ctx: EmulatorContext): void {
  const now = formatDateTime(new Date())
  const audit = {
    IsDeleted: false,
    CreatedDate: now,
    CreatedById: ctx.userId,
    LastModifiedDate: now,
    LastModifiedById: ctx.userId,
    SystemModstamp: now,
  }
  const users = object(ctx, "User")
  if (!ctx.store.get(users, ctx.userId)) {
    ctx.store.insert(users, {
      ...audit,
      Id: ctx.userId,
      Username: ctx.config.username,
      FirstName: "Medusa",
      LastName: "Integration",
      Name: "Medusa Integration",
      Email: ctx.config.username,
      Alias: "medusa",
      IsActive: true,
      TimeZoneSidKey: "GMT",
      LanguageLocaleKey: "en_US",
    })
  }
  const orgs = object(ctx, "Organization")
  if (!ctx.store.get(orgs, ctx.orgId)) {
    ctx.store.insert(orgs, {
      ...audit,
      Id: ctx.orgId,
      Name: "Medusa Emulator Org",
      OrganizationType: "Developer Edition",
      InstanceName: "EMU1",
      IsSandbox: false,
      DefaultLocaleSidKey: "en_US",
      TimeZoneSidKey: "GMT",
    })
  }
}

export function createContext(config: EmulatorConfig): EmulatorContext {
  const sourceDirs = config.schemaDir ? findSourceDirs(config.schemaDir) : []
  const fullSchema = loadSchema(sourceDirs)
  if (config.multiCurrency) {
    enableMultiCurrency(fullSchema, config.multiCurrency.activeCurrencies)
  }
  const schema = config.permissionSets
    ? userSchema(
        fullSchema,
        readPermissionSets(sourceDirs, config.permissionSets)
      )
    : fullSchema
  let persist: PersistFile | null = null
  const store = new RecordStore(fullSchema, () => persist?.schedule())
  // Fixed ids: a client that stored them (or a persisted data file) stays valid across restarts.
  const orgId = makeId("00D", 1)
  const userId = makeId("005", 1)
  const ctx: EmulatorContext = {
    config,
    schema,
    fullSchema,
    store,
    sessions: new SessionStore(orgId, () => config.tokenTtlSeconds),
    usage: new ApiUsage(config.dailyApiLimit),
    log: new RequestLog(),
    faults: new Faults(),
    recordFaults: new RecordFaults(),
    chaos: new Chaos(),
    locks: new RowLocks(),
    cursors: new QueryCursors(),
    bulk: new BulkJobs(() => persist?.schedule()),
    persist: null,
    latency: { fixedMs: 0, jitterMs: 0 },
    answerUrls: {},
    orgId,
    userId,
    baseUrl: "",
  }
  if (config.persistFile) {
    persist = new PersistFile(config.persistFile, () => ({
      ...store.snapshot(),
      bulkJobs: ctx.bulk.all(),
    }))
    ctx.persist = persist
    const snapshot = persist.load()
    if (snapshot) {
      store.restore(snapshot)
      ctx.bulk.restore(snapshot.bulkJobs ?? [])
    }
  }
  seed(ctx)
  // Jobs that were being processed when the emulator stopped go on, as Salesforce's own processing would.
  for (const job of ctx.bulk.all()) {
    if (job.state === "UploadComplete" || job.state === "InProgress") {
      startJob(ctx, job)
    }
  }
  return ctx
}
