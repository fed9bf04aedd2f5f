import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  invoice,
  raw,
} from "./support"

describe("Bulk API 2.0 ingest driven by jsforce", () => {
  let sf: EmulatorHandle
  let conn: Connection

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
  })
  afterAll(() => sf.stop())

  it("upserts invoices and lines with loadAndWaitForResults", async () => {
    const input = Array.from({ length: 300 }, (_, i) => invoice(i))
    input[7] = { ...input[7], Customer_Email__c: "" }
    const results = await conn.bulk2.loadAndWaitForResults({
      object: "Medusa_Invoice__c",
      operation: "upsert",
      externalIdFieldName: "Medusa_Id__c",
      input,
      pollInterval: 50,
      pollTimeout: 10000,
    })
    expect(results.successfulResults).toHaveLength(299)
    expect(results.successfulResults[0]).toMatchObject({
      sf__Id: expect.stringMatching(/^a0/),
      sf__Created: "true",
      Medusa_Id__c: "inv_0",
    })
    expect(results.failedResults).toEqual([
      expect.objectContaining({
        sf__Error:
          "REQUIRED_FIELD_MISSING:Required fields are missing: [Customer_Email__c]:Customer_Email__c --",
        Medusa_Id__c: "inv_7",
      }),
    ])
    expect(results.unprocessedRecords).toEqual([])

    const lines = await conn.bulk2.loadAndWaitForResults({
      object: "Medusa_Invoice_Line__c",
      operation: "upsert",
      externalIdFieldName: "Medusa_Id__c",
      input:
        "Medusa_Id__c,Invoice__r.Medusa_Id__c,SKU__c,Quantity__c\nline_1,inv_1,SKU-1,2\nline_2,inv_404,SKU-2,1\n",
      pollInterval: 50,
      pollTimeout: 10000,
    })
    expect(lines.successfulResults).toHaveLength(1)
    expect(lines.failedResults[0].sf__Error).toMatch(
      /^INVALID_FIELD:Foreign key external ID: inv_404 not found/
    )
    const invoiceId = sf
      .records("Medusa_Invoice__c")
      .find((r) => r.Medusa_Id__c === "inv_1")?.Id
    expect(sf.records("Medusa_Invoice_Line__c")).toEqual([
      expect.objectContaining({ Invoice__c: invoiceId, Quantity__c: 2 }),
    ])

    const again = await conn.bulk2.loadAndWaitForResults({
      object: "Medusa_Invoice__c",
      operation: "upsert",
      externalIdFieldName: "Medusa_Id__c",
      input: [{ Medusa_Id__c: "inv_1", Status__c: "paid" }],
      pollInterval: 50,
      pollTimeout: 10000,
    })
    expect(again.successfulResults).toEqual([
      expect.objectContaining({ sf__Id: invoiceId, sf__Created: "false" }),
    ])
  })

  it("inserts with a job driven step by step and reports the job like Salesforce", async () => {
    const job = conn.bulk2.createJob({ object: "Account", operation: "insert" })
    const opened = await job.open()
    // Shape of "Create a Job" in the Bulk API 2.0 Developer Guide.
    expect(opened).toMatchObject({
      id: expect.stringMatching(/^750/),
      operation: "insert",
      object: "Account",
      state: "Open",
      contentType: "CSV",
      lineEnding: "LF",
      columnDelimiter: "COMMA",
    })
    await job.uploadData("Name,Phone\nAcme,123\nGlobex,456\n")
    await job.close()
    await job.poll(50, 10000)
    const info = await job.check()
    expect(info).toMatchObject({
      state: "JobComplete",
      numberRecordsProcessed: 2,
      numberRecordsFailed: 0,
    })
    expect(
      sf
        .records("Account")
        .map((r) => r.Name)
        .sort()
    ).toEqual(["Acme", "Globex"])
    const unknown = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/jobs/ingest/750000000000000AAA`
    )
    expect(unknown.status).toBe(404)
  })
})
