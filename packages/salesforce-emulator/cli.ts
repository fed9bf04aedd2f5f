import fs from "node:fs"
import { startEmulator } from "./index"

// `npm run emulator`: the emulator for local development, on SF_EMULATOR_PORT (default 4010).
//   SF_EMULATOR_CLIENT_ID / SF_EMULATOR_CLIENT_SECRET   the accepted Connected App
//   SF_EMULATOR_USERNAME / SF_EMULATOR_PASSWORD         the integration user (username-password and JWT flows)
//   SF_EMULATOR_JWT_CERT_FILE                           PEM certificate or public key for the JWT bearer flow
//   SF_EMULATOR_DATA_FILE                               JSON file that keeps records across restarts
//   SF_EMULATOR_DAILY_API_LIMIT, SF_EMULATOR_TOKEN_TTL_SECONDS, SF_EMULATOR_HOST

function numberFromEnv(name: string): number | undefined {
  const value = process.env[name]
  if (value === undefined || value === "") {
    return undefined
  }
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`${name} must be a non-negative number, got "${value}"`)
  }
  return parsed
}

async function main(): Promise<void> {
  const certFile = process.env.SF_EMULATOR_JWT_CERT_FILE
  const emulator = await startEmulator({
    port: numberFromEnv("SF_EMULATOR_PORT") ?? 4010,
    host: process.env.SF_EMULATOR_HOST || undefined,
    clientId: process.env.SF_EMULATOR_CLIENT_ID || undefined,
    clientSecret: process.env.SF_EMULATOR_CLIENT_SECRET || undefined,
    username: process.env.SF_EMULATOR_USERNAME || undefined,
    password: process.env.SF_EMULATOR_PASSWORD || undefined,
    jwtCertificate: certFile ? fs.readFileSync(certFile, "utf8") : undefined,
    persistFile: process.env.SF_EMULATOR_DATA_FILE || undefined,
    dailyApiLimit: numberFromEnv("SF_EMULATOR_DAILY_API_LIMIT"),
    tokenTtlSeconds: numberFromEnv("SF_EMULATOR_TOKEN_TTL_SECONDS"),
  })
  console.log(`Salesforce emulator listening on ${emulator.url}`)
  console.log(`  login URL / instance URL  ${emulator.url}`)
  console.log(`  client id                 ${emulator.clientId}`)
  console.log(`  client secret             ${emulator.clientSecret}`)
  console.log(
    `  username / password       ${emulator.username} / ${emulator.password}`
  )
  console.log(
    `  data file                 ${process.env.SF_EMULATOR_DATA_FILE || "(in memory)"}`
  )
  console.log(`  test controls             ${emulator.url}/__emulator/...`)

  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.once("SIGINT", shutdown)
  process.once("SIGTERM", shutdown)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
