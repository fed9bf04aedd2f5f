import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { storeTestRunner } from "../helpers/runner"
import { SALESFORCE_MODULE } from "../../src/modules/salesforce"
import type SalesforceModuleService from "../../src/modules/salesforce/service"
import { drainOutbox } from "../../src/workflows/salesforce/utils/drain-outbox"
import { eventually } from "../helpers/http"
import { prepareSyncTest, useSalesforceEmulator } from "../helpers/salesforce"
import { placeTestOrder } from "../helpers/store"

jest.setTimeout(240_000)

const ROOT = path.resolve(__dirname, "../..")
const DB_NAME = "msi-salesforce-crash-test"
// Short leases, so the lease of the killed drain runs out within the test (the child and this process alike).
process.env.SALESFORCE_OUTBOX_LEASE_MS = "3000"

const sf = useSalesforceEmulator()

function databaseUrl() {
  const { DB_USERNAME, DB_PASSWORD, DB_HOST, DB_PORT } = process.env
  const auth = DB_PASSWORD
    ? `${encodeURIComponent(DB_USERNAME!)}:${encodeURIComponent(DB_PASSWORD)}`
    : encodeURIComponent(DB_USERNAME!)
  return `postgres://${auth}@${DB_HOST}:${DB_PORT}/${DB_NAME}`
}

/** `medusa exec` of the drain in its own process group, pausing after Salesforce answered (see drain-once.ts). */
function startWorker(marker: string, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, "w")
  return spawn(
    path.join(ROOT, "node_modules", ".bin", "medusa"),
    ["exec", "./integration-tests/helpers/drain-once.ts"],
    {
      cwd: ROOT,
      detached: true,
      // Its output goes to a file beside the marker, for when the worker fails to start.
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        DATABASE_URL: databaseUrl(),
        SALESFORCE_TEST_PAUSE_AFTER_PUSH_FILE: marker,
      },
    }
  )
}

storeTestRunner({
  dbName: DB_NAME,
  testSuite: ({ api, getContainer }) => {
    it("sends again, once, what a worker killed between Salesforce's answer and its commit had sent; the run ends interrupted", async () => {
      const container = getContainer()
      const { headers, regionId } = await prepareSyncTest(
        container,
        sf.emu,
        api,
        { enabled: true, automatic_sync: false }
      )
      const service: SalesforceModuleService =
        container.resolve(SALESFORCE_MODULE)
      const ids: string[] = []
      for (let i = 0; i < 3; i++) {
        const order = await placeTestOrder(container, regionId)
        ids.push(
          (
            await api.post(
              "/admin/invoices",
              { order_id: order.id },
              { headers }
            )
          ).data.invoice.id
        )
      }
      // Queued without a drain here, and the scheduled drain held off: the child process is the one that drains.
      await service.claimJobRun("salesforce-drain-outbox", 10 * 60_000)
      const run = await service.createSyncRuns({
        trigger: "bulk",
        status: "running",
        total: ids.length,
      })
      await service.enqueueSync(
        ids.map((invoice_id) => ({
          invoice_id,
          trigger: "bulk" as const,
          started_by: null,
          run_id: run.id,
        }))
      )

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "msi-crash-"))
      const marker = path.join(dir, "pushed")
      const logFile = path.join(dir, "worker.log")
      const worker = startWorker(marker, logFile)
      let exited: string | null = null
      worker.on("exit", (code, signal) => (exited = `${signal ?? code}`))
      try {
        await eventually(async () => {
          if (exited) {
            throw new Error(
              `the worker ended (${exited}) before Salesforce answered:\n${fs.readFileSync(logFile, "utf8")}`
            )
          }
          return fs.existsSync(marker) ? true : undefined
        }, 180_000)
      } finally {
        // Killed for real, mid-batch: Salesforce has the records, our database has no result for them.
        process.kill(-worker.pid!, "SIGKILL")
      }
      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(3)
      expect(await service.listSyncAttempts({ run_id: run.id })).toHaveLength(0)
      const claimed = await service.listSyncOutboxEntries({ run_id: run.id })
      expect(claimed.map((r) => r.status)).toEqual([
        "claimed",
        "claimed",
        "claimed",
      ])

      // The dead worker's lease runs out: the documents are claimable again and its run says it was interrupted.
      await eventually(async () => {
        const interrupted = await service.reclaimExpiredLeases()
        return interrupted.includes(run.id) ? true : undefined
      })
      const [broken] = await service.listSyncRuns({ id: run.id })
      expect(broken.status).toBe("interrupted")

      sf.emu.resetRequestLog()
      expect(await drainOutbox(container)).toBe(3)
      expect(sf.emu.records("Medusa_Invoice__c")).toHaveLength(3)
      // Two items and the shipping method: three lines an invoice.
      expect(sf.emu.records("Medusa_Invoice_Line__c")).toHaveLength(9)
      expect(sf.emu.records("Contact")).toHaveLength(3)
      const attempts = await service.listSyncAttempts({ run_id: run.id })
      expect(attempts.map((a) => a.status)).toEqual([
        "synced",
        "synced",
        "synced",
      ])
      const rows = await service.listSyncOutboxEntries({ run_id: run.id })
      expect(rows.map((r) => [r.status, r.claims])).toEqual([
        ["done", 2],
        ["done", 2],
        ["done", 2],
      ])
      const [finished] = await service.listSyncRuns({ id: run.id })
      expect(finished).toEqual(
        expect.objectContaining({
          status: "interrupted",
          synced: 3,
          failed: 0,
          finished_at: expect.any(Date),
        })
      )
    })
  },
})
