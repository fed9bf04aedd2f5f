import jsforce from "jsforce"
import { startEmulator } from "../index"

// `npm run bench:emulator`: how many 200-record collection upserts per second the emulator serves to jsforce on
// loopback. Bounded: a warm-up, then a fixed number of calls per round, first creating records, then updating them.
// Not a test; the figure goes in notes about what the sync can expect from its dev and test runs.

for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
  // jsforce ignores NO_PROXY; the emulator is on loopback.
  delete process.env[name]
}

const RECORDS_PER_CALL = 200
const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 200)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1)

function invoices(round: number, call: number) {
  return Array.from({ length: RECORDS_PER_CALL }, (_, i) => {
    const n = call * RECORDS_PER_CALL + i
    return {
      Medusa_Id__c: `inv_${n}`,
      Name: `INV-${n}`,
      Customer_Email__c: `customer${n}@example.com`,
      Currency__c: "EUR",
      Total__c: n + round,
      Status__c: round === 0 ? "open" : "paid",
    }
  })
}

async function main(): Promise<void> {
  const sf = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    dailyApiLimit: 10_000_000,
  })
  try {
    const conn = new jsforce.Connection({
      version: "62.0",
      oauth2: {
        loginUrl: sf.url,
        clientId: sf.clientId,
        clientSecret: sf.clientSecret,
      },
    })
    await conn.authorize({ grant_type: "client_credentials" })
    const invoicesSObject = conn.sobject("Medusa_Invoice__c")

    // Warm-up on keys outside the measured range, so the JIT and the connection pool are ready.
    for (let i = 0; i < 5; i++) {
      await invoicesSObject.upsert(invoices(0, 10_000 + i), "Medusa_Id__c")
    }

    console.log(
      `emulator ${sf.url}, ${CALLS_PER_ROUND} calls of ${RECORDS_PER_CALL} records per round, concurrency ${CONCURRENCY}`
    )
    for (const [round, label] of [
      [0, "create"],
      [1, "update"],
    ] as const) {
      sf.resetRequestLog()
      let next = 0
      let failed = 0
      const started = process.hrtime.bigint()
      const worker = async () => {
        while (next < CALLS_PER_ROUND) {
          const call = next++
          const results = await invoicesSObject.upsert(
            invoices(round, call),
            "Medusa_Id__c"
          )
          failed += (results as { success: boolean }[]).filter(
            (r) => !r.success
          ).length
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const calls =
        sf.requestLog().byEndpoint[
          "PATCH /composite/sobjects/{object}/{field}"
        ] ?? 0
      console.log(
        `${label}: ${calls} calls in ${seconds.toFixed(2)} s = ${(calls / seconds).toFixed(1)} requests/s, ` +
          `${((calls * RECORDS_PER_CALL) / seconds).toFixed(0)} records/s, ${((1000 * seconds) / calls).toFixed(1)} ms/call, ${failed} failed records`
      )
    }
  } finally {
    await sf.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
