import { ChaosSettings, FaultStats } from "./controls/chaos"
import { FaultRule } from "./controls/faults"
import { ActiveRecordFault, RecordFaultRule } from "./controls/record-faults"
import { RowLockSettings } from "./controls/row-locks"
import { RequestLogSummary } from "./controls/request-log"
import { SObjectRecord } from "./store/record-store"

export type Latency = { fixedMs: number; jitterMs: number }

/**
 * URLs answers name instead of the emulator's own: a token's instance_url and id, and the origin put in front of a
 * query page's nextRecordsUrl (which Salesforce answers as a path).
 */
export type AnswerUrls = {
  instanceUrl?: string
  identityUrl?: string
  nextRecordsOrigin?: string
}

/** Options of startEmulator; every one has a default fit for tests. */
export type EmulatorOptions = {
  /** 0 picks a free port. Default 0. */
  port?: number
  /** Default 127.0.0.1. A host other than loopback is refused unless allowRemote is true. */
  host?: string
  /**
   * Listen on a host other than loopback. Its credentials are public defaults and its controls reset and rewrite
   * the org, so it is for a development network only; false by default.
   */
  allowRemote?: boolean
  /** The Connected App the token endpoint accepts. Defaults: medusa-emulator-client / medusa-emulator-secret. */
  clientId?: string
  clientSecret?: string
  /** The integration user. Defaults: integration@medusa.emulator / medusa-emulator-password. */
  username?: string
  password?: string
  /** Appended to the password in the username-password flow when set, as Salesforce expects. */
  securityToken?: string
  /** PEM certificate or SPKI public key that verifies JWT bearer assertions; without it the JWT flow is refused. */
  jwtCertificate?: string
  /** Accepted `aud` values of JWT assertions besides the emulator's own URL. Default login and test.salesforce.com. */
  jwtAudiences?: string[]
  /** Lifetime of access tokens. Default 7200 (two hours, Salesforce's default session timeout). */
  tokenTtlSeconds?: number
  /** Daily API request budget. Default 100000. */
  dailyApiLimit?: number
  /** Delay added to every request. Default none. */
  latency?: Partial<Latency>
  /** How long a write's transaction holds its row locks before it answers. Default 0 (requests never meet). */
  rowLocks?: Partial<RowLockSettings>
  /** JSON file that keeps records across restarts. Default: in memory only. */
  persistFile?: string
  /**
   * The SFDX source to load: a project root (sfdx-project.json), a package folder (force-app) or a folder holding
   * objects/ (force-app/main/default). Default: this repository's Medusa metadata when it is there, else none
   * (standard objects only).
   */
  metadataDir?: string
  /** The former name of metadataDir. */
  schemaDir?: string
  /** How long a Bulk API 2.0 ingest job stays InProgress before it is processed. Default 0 (at once). */
  bulkProcessingMs?: number
  /**
   * Permission sets of the integration user, by name (files in <schemaDir>/permissionsets). When given, field-level
   * security and object permissions are enforced from them. Default: the user sees and writes everything.
   */
  permissionSets?: string[]
  /** Multi-currency org: every object has CurrencyIsoCode, a restricted picklist of these codes (first = corporate). */
  multiCurrency?: { activeCurrencies: string[] }
  /** Newest API version served. Default "64.0". */
  latestApiVersion?: string
}

/** A running emulator: where it listens and the controls tests use in-process (the same as /__emulator/...). */
export type BulkJobSummary = {
  id: string
  object: string
  operation: string
  externalIdFieldName?: string
  state: string
  numberRecordsProcessed: number
  numberRecordsFailed: number
}

export type EmulatorHandle = {
  /** Base URL, e.g. http://127.0.0.1:4010 — login URL and instance URL alike. */
  url: string
  port: number
  clientId: string
  clientSecret: string
  username: string
  password: string
  orgId: string
  userId: string
  stop(): Promise<void>
  /** Live records of an object (deleted ones too when asked). */
  records(
    objectName: string,
    options?: { includeDeleted?: boolean }
  ): SObjectRecord[]
  /** Creates a record through the same validation as the API, without counting an API call. Returns its id. */
  insert(objectName: string, fields: Record<string, unknown>): string
  /** Forgets all records, sessions, faults, the request log and the API usage. */
  reset(): void
  requestLog(): RequestLogSummary
  resetRequestLog(): void
  /** Adds a fault rule and returns its id. */
  injectFault(rule: FaultRule): string
  clearFaults(): void
  /** The Nth record written that matches the rule fails with its error inside an otherwise good answer. */
  injectRecordFault(rule: RecordFaultRule): string
  recordFaults(): ActiveRecordFault[]
  clearRecordFaults(): void
  /** Faults of every class (or the ones named) at a rate; rate 0 turns it off. */
  setChaos(settings: ChaosSettings): Required<ChaosSettings>
  /** How many faults were injected (chaos and rules), by class. */
  faultStats(): FaultStats
  /** Row locks: from now on each write holds its locks holdMs before answering. */
  setRowLocks(settings: Partial<RowLockSettings>): RowLockSettings
  /** Latency added to every request from now on. */
  setLatency(latency: Partial<Latency>): void
  /** Ends every access token: the next call of each client gets 401 INVALID_SESSION_ID. */
  expireTokens(): void
  /** The access tokens issued and still valid (tests check that no client stores or shows one). */
  accessTokens(): string[]
  /**
   * Answers name these URLs from now on (until reset): a client must refuse an answer that points it at a host
   * Salesforce does not serve. null or an empty object answers the emulator's own again.
   */
  setAnswerUrls(urls: AnswerUrls | null): AnswerUrls
  /** A refresh token for the integration user, as the web-server flow would hand out. */
  issueRefreshToken(): string
  apiUsage(): { used: number; max: number }
  /** The Bulk API 2.0 ingest jobs, oldest first, as Get Job Info shows them (object, state, counts). */
  bulkJobs(): BulkJobSummary[]
  setApiUsage(usage: { used?: number; max?: number }): void
  /** Writes the persist file now (it is also written shortly after each change and on stop). */
  flush(): Promise<void>
}
