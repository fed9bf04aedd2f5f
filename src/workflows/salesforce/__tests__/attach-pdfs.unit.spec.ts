import { SalesforceApiError } from "../../../modules/salesforce/lib/errors"
import type {
  NewFileVersion,
  RecordFile,
} from "../../../modules/salesforce/lib/files"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import { AttachPdfContext, attachPdfs, md5Hex } from "../utils/attach-pdfs"

const policy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }
const RECORD = "a01000000000001AAA"
const OTHER_RECORD = "a01000000000002AAA"
const pdf = Buffer.from("%PDF-1.7 INV-1")

const synced = (
  invoice_id: string,
  salesforce_id = RECORD
): InvoiceSyncOutcome => ({
  invoice_id,
  status: "synced",
  salesforce_id,
  salesforce_url: null,
  error_code: null,
  error_message: null,
  duration_ms: 1,
  line_ids: { line_1: "a02000000000001AAA" },
})

/** A transport over a list of Files, recording the uploads it is asked for. */
function files(existing: RecordFile[] = [], failWith?: SalesforceApiError) {
  const uploads: NewFileVersion[] = []
  let lists = 0
  return {
    uploads,
    lists: () => lists,
    transport: {
      async listRecordFiles() {
        lists++
        if (failWith) throw failWith
        return existing
      },
      async uploadFileVersion(file: NewFileVersion) {
        uploads.push(file)
        return { versionId: "068x", documentId: file.documentId ?? "069new" }
      },
    },
  }
}

const context = (
  transport: AttachPdfContext["transport"],
  previous: AttachPdfContext["previous"] = new Map()
): AttachPdfContext => ({
  transport,
  render: async () => ({ number: "INV-1", pdf }),
  previous,
  policy,
  sleep: async () => {},
})

describe("attachPdfs", () => {
  it("asks Salesforce nothing for a PDF it already filed on that record", async () => {
    const sf = files()
    const { outcomes } = await attachPdfs(
      context(
        sf.transport,
        new Map([
          [
            "inv_1",
            { recordId: RECORD, checksum: md5Hex(pdf), documentId: "069a" },
          ],
        ])
      ),
      { outcomes: [synced("inv_1")], halt: null }
    )
    expect(sf.lists()).toBe(0)
    expect(outcomes[0].pdf).toEqual({
      checksum: md5Hex(pdf),
      document_id: "069a",
    })
  })

  it("files it anew on a record created again, whatever it stored for the old one", async () => {
    const sf = files()
    const { outcomes } = await attachPdfs(
      context(
        sf.transport,
        new Map([
          [
            "inv_1",
            {
              recordId: OTHER_RECORD,
              checksum: md5Hex(pdf),
              documentId: "069a",
            },
          ],
        ])
      ),
      { outcomes: [synced("inv_1")], halt: null }
    )
    expect(sf.uploads).toEqual([
      {
        title: "INV-1",
        pathOnClient: "INV-1.pdf",
        bytes: pdf,
        recordId: RECORD,
        documentId: null,
      },
    ])
    expect(outcomes[0].pdf?.document_id).toBe("069new")
  })

  it("records a version Salesforce already has (an upload whose answer was lost), and versions a changed one", async () => {
    const same = files([
      {
        versionId: "068a",
        documentId: "069a",
        checksum: md5Hex(pdf),
        pathOnClient: "INV-1.pdf",
      },
    ])
    const found = await attachPdfs(context(same.transport), {
      outcomes: [synced("inv_1")],
      halt: null,
    })
    expect(same.uploads).toEqual([])
    expect(found.outcomes[0].pdf).toEqual({
      checksum: md5Hex(pdf),
      document_id: "069a",
    })

    const changed = files([
      // Someone else's File on the record is left alone.
      {
        versionId: "068b",
        documentId: "069b",
        checksum: "0".repeat(32),
        pathOnClient: "contract.pdf",
      },
      {
        versionId: "068a",
        documentId: "069a",
        checksum: "f".repeat(32),
        pathOnClient: "INV-1.pdf",
      },
    ])
    await attachPdfs(context(changed.transport), {
      outcomes: [synced("inv_1")],
      halt: null,
    })
    expect(changed.uploads.map((u) => u.documentId)).toEqual(["069a"])
  })

  it("leaves failed documents alone, and stops at refused credentials keeping the records' ids", async () => {
    const refused = new SalesforceApiError({
      errorCode: "INVALID_SESSION_ID",
      kind: "auth",
      message: "Session expired or invalid",
    })
    const sf = files([], refused)
    const failed: InvoiceSyncOutcome = {
      ...synced("inv_0"),
      status: "failed",
      salesforce_id: null,
      line_ids: null,
      error_code: "REQUIRED_FIELD_MISSING",
      error_message: "x",
    }
    const result = await attachPdfs(context(sf.transport), {
      outcomes: [failed, synced("inv_1"), synced("inv_2")],
      halt: null,
    })
    expect(result.outcomes[0]).toBe(failed)
    // One try only: the second document fails with the halt, without a call.
    expect(sf.lists()).toBe(1)
    expect(result.halt).toEqual(
      expect.objectContaining({ kind: "auth", errorCode: "INVALID_SESSION_ID" })
    )
    for (const outcome of result.outcomes.slice(1)) {
      expect(outcome).toEqual(
        expect.objectContaining({
          status: "failed",
          error_code: "INVALID_SESSION_ID",
          salesforce_id: RECORD,
          line_ids: { line_1: "a02000000000001AAA" },
        })
      )
      expect(outcome.error_message).toMatch(
        /^The records are in Salesforce, but the PDF was not attached: /
      )
    }
  })
})
