import fs from "node:fs"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import type { SalesforceModuleOptions } from "./src/modules/salesforce/types"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The Salesforce connection, from the environment. Without SALESFORCE_LOGIN_URL there is none (`npm run dev`
 * sets it to the emulator it starts). Secrets stay in the process: the module never logs or returns them.
 */
function salesforceConnection(): SalesforceModuleOptions["connection"] {
  const env = process.env
  if (!env.SALESFORCE_LOGIN_URL) {
    return undefined
  }
  return {
    loginUrl: env.SALESFORCE_LOGIN_URL,
    authFlow: (env.SALESFORCE_AUTH_FLOW ?? "client_credentials") as NonNullable<
      SalesforceModuleOptions["connection"]
    >["authFlow"],
    clientId: env.SALESFORCE_CLIENT_ID ?? "",
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
    apiVersion: env.SALESFORCE_API_VERSION ?? "62.0",
    timeoutMs: env.SALESFORCE_TIMEOUT_MS
      ? Number(env.SALESFORCE_TIMEOUT_MS)
      : undefined,
  }
}

const salesforceOptions: SalesforceModuleOptions = {
  connection: salesforceConnection(),
  enableOnFirstStart: process.env.SALESFORCE_ENABLE_ON_FIRST_START === "true",
  automaticSyncWindowMs: optionalNumber(
    process.env.SALESFORCE_AUTOMATIC_SYNC_WINDOW_MS
  ),
  catchUpIntervalMinutes: optionalNumber(
    process.env.SALESFORCE_CATCH_UP_MINUTES
  ),
  retry: {
    baseDelayMs: optionalNumber(process.env.SALESFORCE_RETRY_BASE_DELAY_MS),
  },
}

function optionalNumber(value: string | undefined) {
  return value ? Number(value) : undefined
}

// `npm run dev` starts an embedded PostgreSQL and sets DATABASE_URL and the secrets before Medusa reads this file.
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
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
  modules: [
    {
      resolve: "./src/modules/invoice",
      options: {
        numberPrefix: process.env.INVOICE_NUMBER_PREFIX,
        creditNotePrefix: process.env.INVOICE_CREDIT_NOTE_PREFIX,
        timeZone: process.env.INVOICE_TIME_ZONE,
        seller: {
          name: process.env.INVOICE_SELLER_NAME ?? "Medusa Demo Store GmbH",
          // Address lines separated by "|", e.g. "Hauptstraße 1|10115 Berlin|Germany".
          address: (
            process.env.INVOICE_SELLER_ADDRESS ??
            "Hauptstraße 1|10115 Berlin|Germany"
          ).split("|"),
          taxId: process.env.INVOICE_SELLER_TAX_ID ?? "DE123456789",
        },
        pdfFallbackFont: process.env.INVOICE_PDF_FALLBACK_FONT,
      },
    },
    {
      resolve: "./src/modules/salesforce",
      options: salesforceOptions,
    },
  ],
})
