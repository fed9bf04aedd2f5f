import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  eventually,
  raw,
} from "./support"

// The Bulk API 2.0 pieces a sync engine leans on: the jobs listing, unprocessed records, and jobs that outlive a
// restart of a persisted emulator (also one stopped while the job was in progress).

const jobs = `/services/data/v${API_VERSION}/jobs/ingest`

type JobInfo = { id: string; state: string; object: string }

async function openJob(sf: EmulatorHandle, conn: Connection, csv: string) {
  const created = await raw(
    sf,
    conn,
    "POST",
    jobs,
    JSON.stringify({
      object: "Medusa_Invoice_Line__c",
      operation: "upsert",
      externalIdFieldName: "Medusa_Id__c",
    })
  )
  const { id } = created.json as JobInfo
  await raw(sf, conn, "PUT", `${jobs}/${id}/batches`, csv, "text/csv")
  return id
}

const state = async (sf: EmulatorHandle, conn: Connection, id: string) =>
  ((await raw(sf, conn, "GET", `${jobs}/${id}`)).json as JobInfo).state

const LINES =
  "Medusa_Id__c,Invoice__r.Medusa_Id__c,Quantity__c\nline_1,inv_1,2\nline_2,inv_404,1\n"

describe("Bulk API 2.0 jobs", () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-emulator-bulk-"))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it("lists jobs and reports an aborted job's rows as unprocessed", async () => {
    const sf = await emulator()
    try {
      const conn = await clientCredentialsConnection(sf)
      const first = await openJob(sf, conn, LINES)
      const second = await openJob(sf, conn, LINES)
      const listing = await raw(sf, conn, "GET", jobs)
      expect(listing.json).toEqual({
        done: true,
        nextRecordsUrl: null,
        records: [
          expect.objectContaining({ id: first, state: "Open" }),
          expect.objectContaining({ id: second, state: "Open" }),
        ],
      })
      await raw(
        sf,
        conn,
        "PATCH",
        `${jobs}/${first}`,
        JSON.stringify({ state: "Aborted" })
      )
      const unprocessed = await raw(
        sf,
        conn,
        "GET",
        `${jobs}/${first}/unprocessedrecords`
      )
      expect(unprocessed.text).toBe(LINES)
      expect(sf.records("Medusa_Invoice_Line__c")).toHaveLength(0)
    } finally {
      await sf.stop()
    }
  })

  it("fails a job whose header names a column the object does not have, processing none of its rows", async () => {
    const sf = await emulator()
    try {
      const conn = await clientCredentialsConnection(sf)
      const csv =
        "Medusa_Id__c,Invoice__r.Medusa_Id__c,Colour__c\nline_1,inv_1,red\n"
      const id = await openJob(sf, conn, csv)
      await raw(
        sf,
        conn,
        "PATCH",
        `${jobs}/${id}`,
        JSON.stringify({ state: "UploadComplete" })
      )
      await eventually(async () =>
        (await state(sf, conn, id)) === "Failed" ? true : undefined
      )
      const info = (await raw(sf, conn, "GET", `${jobs}/${id}`)).json
      expect(info).toMatchObject({
        errorMessage: "InvalidBatch : Field name not found : Colour__c",
        numberRecordsProcessed: 0,
      })
      const unprocessed = await raw(
        sf,
        conn,
        "GET",
        `${jobs}/${id}/unprocessedrecords`
      )
      expect(unprocessed.text).toBe(csv)
      expect(sf.records("Medusa_Invoice_Line__c")).toHaveLength(0)
    } finally {
      await sf.stop()
    }
  })

  it("keeps jobs and their results across a restart, and finishes a job that was in progress", async () => {
    const persistFile = path.join(dir, "data.json")
    // Processing held long enough that the emulator stops with the job InProgress.
    const first = await emulator({ persistFile, bulkProcessingMs: 60_000 })
    let done: string
    let pending: string
    try {
      first.insert("Medusa_Invoice__c", {
        Medusa_Id__c: "inv_1",
        Name: "INV-1",
        Customer_Email__c: "a@example.com",
        Currency__c: "EUR",
        Total__c: 1,
        Document_Type__c: "Invoice",
      })
      const conn = await clientCredentialsConnection(first)
      pending = await openJob(first, conn, LINES)
      await raw(
        first,
        conn,
        "PATCH",
        `${jobs}/${pending}`,
        JSON.stringify({ state: "UploadComplete" })
      )
      await eventually(async () =>
        (await state(first, conn, pending)) === "InProgress" ? true : undefined
      )
      done = await openJob(first, conn, "Medusa_Id__c,Quantity__c\n")
    } finally {
      await first.stop()
    }

    const second = await emulator({ persistFile })
    try {
      const conn = await clientCredentialsConnection(second)
      await eventually(async () =>
        (await state(second, conn, pending)) === "JobComplete"
          ? true
          : undefined
      )
      const ok = await raw(
        second,
        conn,
        "GET",
        `${jobs}/${pending}/successfulResults`
      )
      const lineId = second.records("Medusa_Invoice_Line__c")[0].Id
      expect(ok.text).toBe(
        `"sf__Id","sf__Created","Medusa_Id__c","Invoice__r.Medusa_Id__c","Quantity__c"\n` +
          `"${lineId}","true","line_1","inv_1","2"\n`
      )
      const failed = await raw(
        second,
        conn,
        "GET",
        `${jobs}/${pending}/failedResults`
      )
      expect(failed.text).toMatch(
        /^"sf__Id","sf__Error",.*\n"","INVALID_FIELD:Foreign key external ID: inv_404 not found/
      )
      // The job left Open survives as Open, and new jobs do not reuse its id.
      expect(await state(second, conn, done)).toBe("Open")
      const next = await openJob(second, conn, LINES)
      expect([pending, done]).not.toContain(next)
    } finally {
      await second.stop()
    }
  })
})
