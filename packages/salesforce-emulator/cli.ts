import fs from "node:fs"
import { parseArgs } from "node:util"
import { startEmulator } from "./index"

// `salesforce-emulator` (the package's bin) and `npm run emulator` in this repository. Flags win over the
// environment variables, which win over the defaults.

const HELP = `Usage: salesforce-emulator [options]

Serves an emulated Salesforce org (REST, OAuth, Bulk API 2.0) on loopback, for tests and development.

Options (environment variable in brackets):
  --port <n>               port, 0 picks a free one [SF_EMULATOR_PORT]              default 4010
  --host <host>            address to listen on [SF_EMULATOR_HOST]                 default 127.0.0.1
  --allow-remote           allow a host other than loopback (a development network only: the credentials
                           below are public defaults and the test controls rewrite the org)
  --metadata-dir <dir>     SFDX source to load: project root, force-app or a folder with objects/
                           [SF_EMULATOR_METADATA_DIR]     default: this repository's metadata, else none
  --data-file <file>       JSON file that keeps records and Bulk jobs across restarts [SF_EMULATOR_DATA_FILE]
  --permission-set <name>  enforce field-level security of this permission set (repeatable)
                           [SF_EMULATOR_PERMISSION_SETS, comma-separated]
  --currencies <codes>     multi-currency org with these active currencies, e.g. EUR,USD (first: corporate)
                           [SF_EMULATOR_CURRENCIES]
  --client-id <id>, --client-secret <secret>   the accepted Connected App
                           [SF_EMULATOR_CLIENT_ID, SF_EMULATOR_CLIENT_SECRET]
  --username <u>, --password <p>   the integration user [SF_EMULATOR_USERNAME, SF_EMULATOR_PASSWORD]
  --jwt-cert-file <file>   PEM certificate or public key for the JWT bearer flow [SF_EMULATOR_JWT_CERT_FILE]
  --daily-api-limit <n>    daily API request budget [SF_EMULATOR_DAILY_API_LIMIT]   default 100000
  --token-ttl <seconds>    access token lifetime [SF_EMULATOR_TOKEN_TTL_SECONDS]   default 7200
  -h, --help               this help

Test controls are served under <url>/__emulator/... to loopback clients (see the package README).`

function numberOption(
  name: string,
  value: string | undefined
): number | undefined {
  if (value === undefined || value === "") {
    return undefined
  }
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`${name} must be a non-negative number, got "${value}"`)
  }
  return parsed
}

const list = (value: string | undefined) =>
  value
    ?.split(",")
    .map((v) => v.trim())
    .filter(Boolean)

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "allow-remote": { type: "boolean" },
      "metadata-dir": { type: "string" },
      "data-file": { type: "string" },
      "permission-set": { type: "string", multiple: true },
      currencies: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      username: { type: "string" },
      password: { type: "string" },
      "jwt-cert-file": { type: "string" },
      "daily-api-limit": { type: "string" },
      "token-ttl": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  })
  if (values.help) {
    console.log(HELP)
    return
  }
  const env = process.env
  const pick = (flag: string | undefined, name: string) =>
    flag ?? (env[name] || undefined)
  const certFile = pick(values["jwt-cert-file"], "SF_EMULATOR_JWT_CERT_FILE")
  const permissionSets =
    values["permission-set"] ?? list(env.SF_EMULATOR_PERMISSION_SETS)
  const currencies = list(pick(values.currencies, "SF_EMULATOR_CURRENCIES"))
  const dataFile = pick(values["data-file"], "SF_EMULATOR_DATA_FILE")
  const emulator = await startEmulator({
    port: numberOption("--port", pick(values.port, "SF_EMULATOR_PORT")) ?? 4010,
    host: pick(values.host, "SF_EMULATOR_HOST"),
    allowRemote: values["allow-remote"] ?? false,
    metadataDir: pick(values["metadata-dir"], "SF_EMULATOR_METADATA_DIR"),
    clientId: pick(values["client-id"], "SF_EMULATOR_CLIENT_ID"),
    clientSecret: pick(values["client-secret"], "SF_EMULATOR_CLIENT_SECRET"),
    username: pick(values.username, "SF_EMULATOR_USERNAME"),
    password: pick(values.password, "SF_EMULATOR_PASSWORD"),
    jwtCertificate: certFile ? fs.readFileSync(certFile, "utf8") : undefined,
    persistFile: dataFile,
    permissionSets: permissionSets?.length ? permissionSets : undefined,
    multiCurrency: currencies?.length
      ? { activeCurrencies: currencies }
      : undefined,
    dailyApiLimit: numberOption(
      "--daily-api-limit",
      pick(values["daily-api-limit"], "SF_EMULATOR_DAILY_API_LIMIT")
    ),
    tokenTtlSeconds: numberOption(
      "--token-ttl",
      pick(values["token-ttl"], "SF_EMULATOR_TOKEN_TTL_SECONDS")
    ),
  })
  console.log(`Salesforce emulator listening on ${emulator.url}`)
  console.log(`  login URL / instance URL  ${emulator.url}`)
  console.log(
    "  for development only: these credentials are public; never reuse them for a real org"
  )
  console.log(`  client id                 ${emulator.clientId}`)
  console.log(`  client secret             ${emulator.clientSecret}`)
  console.log(
    `  username / password       ${emulator.username} / ${emulator.password}`
  )
  console.log(`  data file                 ${dataFile ?? "(in memory)"}`)
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
  console.error((error as Error).message ?? error)
  process.exit(1)
})
