import fs from "node:fs"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"
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
    automaticSyncWindowMs: optionalNumber(
      env.SALESFORCE_AUTOMATIC_SYNC_WINDOW_MS
    ),
    catchUpIntervalMinutes: optionalNumber(env.SALESFORCE_CATCH_UP_MINUTES),
    retry: { baseDelayMs: optionalNumber(env.SALESFORCE_RETRY_BASE_DELAY_MS) },
  },
  invoices: { numberPrefix: env.INVOICE_NUMBER_PREFIX },
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
  // This repository is the plugin's own source, so its store loads the plugin's modules from src/ (Medusa loads
  // src/ of the project itself; listing "./" under `plugins` would load the built copy a second time). Each
  // module gets the whole options object, exactly as Medusa hands a plugin's options to its modules.
  modules: [
    { resolve: "./src/modules/invoice", options: pluginOptions },
    { resolve: "./src/modules/salesforce", options: pluginOptions },
  ],
})
