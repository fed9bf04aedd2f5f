import fs from "node:fs"
import { defineConfig, isTruthy, loadEnv } from "@medusajs/framework/utils"
import type { PluginOptions } from "./src/plugin-options"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = process.env

/**
 * The plugin's options, from the environment: this file only maps variables (README, "Configuration") onto the
 * options a store passes in its `plugins` entry; the plugin checks them when it starts. Without
 * SALESFORCE_LOGIN_URL there is no connection (`npm run dev` sets it to the emulator it starts).
 */
const pluginOptions: PluginOptions = {
  salesforce: {
    ...(env.SALESFORCE_LOGIN_URL
      ? {
          loginUrl: env.SALESFORCE_LOGIN_URL,
          authFlow: env.SALESFORCE_AUTH_FLOW as NonNullable<
            PluginOptions["salesforce"]
          >["authFlow"],
          clientId: env.SALESFORCE_CLIENT_ID,
          clientSecret: env.SALESFORCE_CLIENT_SECRET,
          username: env.SALESFORCE_USERNAME,
          password: env.SALESFORCE_PASSWORD,
          privateKey:
            env.SALESFORCE_PRIVATE_KEY ??
            (env.SALESFORCE_PRIVATE_KEY_PATH
              ? fs.readFileSync(env.SALESFORCE_PRIVATE_KEY_PATH, "utf8")
              : undefined),
          audience: env.SALESFORCE_AUDIENCE,
          refreshToken: env.SALESFORCE_REFRESH_TOKEN,
          apiVersion: env.SALESFORCE_API_VERSION,
          timeoutMs: optionalNumber(env.SALESFORCE_TIMEOUT_MS),
        }
      : {}),
    enableOnFirstStart: env.SALESFORCE_ENABLE_ON_FIRST_START === "true",
    matchGuestsByEmail: env.SALESFORCE_MATCH_GUESTS_BY_EMAIL === "true",
    automaticSyncWindowMs: optionalNumber(
      env.SALESFORCE_AUTOMATIC_SYNC_WINDOW_MS
    ),
    catchUpIntervalMinutes: optionalNumber(env.SALESFORCE_CATCH_UP_MINUTES),
    bulkThreshold: optionalNumber(env.SALESFORCE_BULK_THRESHOLD),
    dailyLimitPauseMs: optionalNumber(env.SALESFORCE_DAILY_LIMIT_PAUSE_MS),
    alertEmail: env.SALESFORCE_ALERT_EMAIL || undefined,
    // JSON, e.g. {"invoice":{"object":"Invoice__c","fields":{"Total__c":"Amount__c"}}}; the module checks its shape.
    fieldMapping: env.SALESFORCE_FIELD_MAPPING
      ? JSON.parse(env.SALESFORCE_FIELD_MAPPING)
      : undefined,
    retry: { baseDelayMs: optionalNumber(env.SALESFORCE_RETRY_BASE_DELAY_MS) },
    outbox: {
      leaseMs: optionalNumber(env.SALESFORCE_OUTBOX_LEASE_MS),
      waitTimeoutMs: optionalNumber(env.SALESFORCE_SYNC_WAIT_MS),
      afterPush: pauseAfterPushForTests(
        env.SALESFORCE_TEST_PAUSE_AFTER_PUSH_FILE
      ),
    },
  },
  invoices: {
    numberPrefix: env.INVOICE_NUMBER_PREFIX || undefined,
    creditNotePrefix: env.INVOICE_CREDIT_NOTE_PREFIX || undefined,
    timeZone: env.INVOICE_TIME_ZONE || undefined,
    seller: {
      name: env.INVOICE_SELLER_NAME ?? "Medusa Demo Store GmbH",
      // Address lines separated by "|", e.g. "Hauptstraße 1|10115 Berlin|Germany".
      address: (
        env.INVOICE_SELLER_ADDRESS ?? "Hauptstraße 1|10115 Berlin|Germany"
      ).split("|"),
      taxId: env.INVOICE_SELLER_TAX_ID ?? "DE123456789",
      // What an e-invoice needs of the seller (README, "E-invoices"); the demo store's by default.
      legalName: env.INVOICE_SELLER_NAME ?? "Medusa Demo Store GmbH",
      street: env.INVOICE_SELLER_STREET ?? "Hauptstraße 1",
      postalCode: env.INVOICE_SELLER_POSTAL_CODE ?? "10115",
      city: env.INVOICE_SELLER_CITY ?? "Berlin",
      countryCode: env.INVOICE_SELLER_COUNTRY ?? "DE",
      vatId: env.INVOICE_SELLER_TAX_ID ?? "DE123456789",
      taxNumber: env.INVOICE_SELLER_TAX_NUMBER || undefined,
      iban: env.INVOICE_SELLER_IBAN ?? "DE89370400440532013000",
      paymentTerms:
        env.INVOICE_PAYMENT_TERMS ?? "Paid at checkout; nothing is due.",
      contact: {
        name: env.INVOICE_SELLER_CONTACT_NAME ?? "Demo Store Billing",
        phone: env.INVOICE_SELLER_CONTACT_PHONE ?? "+49 30 1234567",
        email: env.INVOICE_SELLER_CONTACT_EMAIL ?? "billing@demo-store.example",
      },
    },
    pdfFallbackFont: env.INVOICE_PDF_FALLBACK_FONT || undefined,
    eInvoice: {
      facturX: env.INVOICE_FACTUR_X === "true",
      exemptionReason: env.INVOICE_VAT_EXEMPTION_REASON || undefined,
    },
  },
}

/**
 * Tests only (the crash test): after Salesforce answered a batch, write `markerFile` and never commit, so the
 * test can kill this process at exactly that point. Unset in every real start.
 */
function pauseAfterPushForTests(markerFile: string | undefined) {
  if (!markerFile) {
    return undefined
  }
  return async (outboxIds: string[]) => {
    fs.writeFileSync(markerFile, JSON.stringify(outboxIds))
    await new Promise(() => undefined)
  }
}

function optionalNumber(value: string | undefined) {
  return value ? Number(value) : undefined
}

const WORKER_MODES = ["shared", "server", "worker"] as const
type WorkerMode = (typeof WORKER_MODES)[number]

/** `shared` (one process does everything, the default), `server` (HTTP only) or `worker` (subscribers, jobs). */
function workerMode(): WorkerMode {
  const mode = process.env.MEDUSA_WORKER_MODE || "shared"
  if (!(WORKER_MODES as readonly string[]).includes(mode)) {
    throw new Error(
      `MEDUSA_WORKER_MODE must be one of ${WORKER_MODES.join(", ")}, not ${JSON.stringify(mode)}`
    )
  }
  return mode as WorkerMode
}

/**
 * With REDIS_URL, Medusa's Redis modules: processes then share one event bus, workflow engine, lock space and
 * cache, so a server and its workers (or several of each) act as one store. Without it, Medusa's in-memory
 * defaults serve a single process, as `npm run dev` runs it.
 */
function redisModules(redisUrl: string | undefined) {
  if (!redisUrl) {
    return []
  }
  return [
    { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
    {
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: { redisUrl } },
    },
    {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/locking-redis",
            id: "locking-redis",
            is_default: true,
            options: { redisUrl },
          },
        ],
      },
    },
    // Two modules: the Cache Module (deprecated, but the Auth Module still depends on it) and its successor,
    // the Caching Module, which core uses when the `caching` feature flag is on.
    { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
    {
      resolve: "@medusajs/medusa/caching",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/caching-redis",
            id: "caching-redis",
            is_default: true,
            options: { redisUrl },
          },
        ],
      },
    },
  ]
}

const mode = workerMode()

// `npm run dev` starts an embedded PostgreSQL and sets DATABASE_URL and the secrets before Medusa reads this file.
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    workerMode: mode,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors:
        process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors:
        process.env.AUTH_CORS ||
        "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET,
      cookieSecret: process.env.COOKIE_SECRET,
    },
  },
  // A worker serves no HTTP, so it builds no admin; DISABLE_MEDUSA_ADMIN turns it off elsewhere too.
  admin: {
    disable: mode === "worker" || process.env.DISABLE_MEDUSA_ADMIN === "true",
  },
  // This repository is the plugin's own source, so its store loads the plugin's modules from src/ (Medusa loads
  // src/ of the project itself; listing "./" under `plugins` would load the built copy a second time). Each
  // module gets the whole options object, exactly as Medusa hands a plugin's options to its modules.
  modules: [
    ...redisModules(process.env.REDIS_URL),
    // MEDUSA_FF_RBAC turns on Medusa's permission checks, but 2.21's defineConfig decides whether to load the RBAC
    // module before Medusa registers that flag, so the module the checks read must be listed here as well.
    ...(isTruthy(process.env.MEDUSA_FF_RBAC)
      ? [{ resolve: "@medusajs/medusa/rbac" }]
      : []),
    { resolve: "./src/modules/invoice", options: pluginOptions },
    { resolve: "./src/modules/salesforce", options: pluginOptions },
  ],
})
