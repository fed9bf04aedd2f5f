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
const pdfOf = (invoiceId: string) => Buffer.from(`%PDF-1.7 ${invoiceId}`)
const pdf = pdfOf("inv_1")

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

/**
 * A transport over the Files on each record (`existing`, for every record asked about), recording the calls it
 * is asked for and the most uploads it had in flight at once.
 */
function files(
  existing: RecordFile[] = [],
  failWith?: SalesforceApiError,
  uploadFails: (upload: number) => SalesforceApiError | undefined = () =>
    undefined
) {
  const uploads: NewFileVersion[] = []
  const listed: string[][] = []
  const documentQueries: string[][] = []
  let inFlight = 0
  let mostInFlight = 0
  return {
    uploads,
    listed,
    documentQueries,
    lists: () => listed.length,
    mostInFlight: () => mostInFlight,
    transport: {
      async listRecordFiles(recordIds: string[]) {
        listed.push(recordIds)
        if (failWith) throw failWith
        return new Map(recordIds.map((id) => [id, existing]))
      },
      async uploadFileVersion(file: NewFileVersion) {
        uploads.push(file)
        inFlight++
        mostInFlight = Math.max(mostInFlight, inFlight)
        // Answers after the other uploads started: what runs at once is in flight together.
        const upload = uploads.length
        await new Promise((r) => setImmediate(r))
        inFlight--
        const refusal = uploadFails(upload)
        if (refusal) throw refusal
        return `068v${upload}`
      },
      async fileDocuments(versionIds: string[]) {
        documentQueries.push(versionIds)
        return new Map(versionIds.map((v) => [v, `069of${v}`]))
      },
    },
  }
}

const context = (
  transport: AttachPdfContext["transport"],
  previous: AttachPdfContext["previous"] = new Map(),
  concurrency = 4
): AttachPdfContext => ({
  transport,
  render: async (id) => ({
    number: `INV-${id.replace("inv_", "")}`,
    pdf: pdfOf(id),
  }),
  previous,
  policy,
  concurrency,
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
    // The new File's id, from one query after the upload.
    expect(sf.documentQueries).toEqual([["068v1"]])
    expect(outcomes[0].pdf?.document_id).toBe("069of068v1")
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
    // One look at both records, refused: no retry, and no upload.
    expect(sf.listed).toEqual([[RECORD, RECORD]])
    expect(sf.uploads).toEqual([])
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

  const recordOf = (n: number) => `a01${String(n).padStart(12, "0")}AAA`

  it("looks at the whole batch's records in one call, uploads `concurrency` at once and asks the new Files' ids once", async () => {
    const sf = files()
    const ids = [1, 2, 3, 4, 5, 6]
    const { outcomes } = await attachPdfs(context(sf.transport, new Map(), 2), {
      outcomes: ids.map((n) => synced(`inv_${n}`, recordOf(n))),
      halt: null,
    })
    expect(sf.listed).toEqual([ids.map(recordOf)])
    expect(sf.uploads.map((u) => [u.recordId, u.pathOnClient])).toEqual(
      ids.map((n) => [recordOf(n), `INV-${n}.pdf`])
    )
    expect(sf.mostInFlight()).toBe(2)
    expect(sf.documentQueries).toHaveLength(1)
    expect(new Set(sf.documentQueries[0])).toEqual(
      new Set(ids.map((n) => `068v${n}`))
    )
    expect(outcomes.map((o) => [o.status, o.pdf?.checksum])).toEqual(
      ids.map((n) => ["synced", md5Hex(pdfOf(`inv_${n}`))])
    )
  })

  it("fails the document whose upload is refused; after refused credentials the uploads not yet sent are not sent", async () => {
    const sf = files([], undefined, (upload) =>
      upload === 2
        ? new SalesforceApiError({
            errorCode: "STORAGE_LIMIT_EXCEEDED",
            kind: "data",
            message: "storage limit exceeded",
          })
        : upload === 3
          ? new SalesforceApiError({
              errorCode: "INVALID_SESSION_ID",
              kind: "auth",
              message: "Session expired or invalid",
            })
          : undefined
    )
    const result = await attachPdfs(context(sf.transport, new Map(), 1), {
      outcomes: [1, 2, 3, 4].map((n) => synced(`inv_${n}`, recordOf(n))),
      halt: null,
    })
    expect(sf.uploads).toHaveLength(3)
    expect(
      result.outcomes.map((o) => [o.invoice_id, o.status, o.error_code])
    ).toEqual([
      ["inv_1", "synced", null],
      ["inv_2", "failed", "STORAGE_LIMIT_EXCEEDED"],
      ["inv_3", "failed", "INVALID_SESSION_ID"],
      ["inv_4", "failed", "INVALID_SESSION_ID"],
    ])
    expect(result.outcomes[0].pdf?.document_id).toBe("069of068v1")
    expect(result.halt).toEqual(
      expect.objectContaining({ kind: "auth", errorCode: "INVALID_SESSION_ID" })
    )
  })
})
