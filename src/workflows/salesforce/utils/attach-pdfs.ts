/**
 * The POLICY of Attach PDF: after a batch's records went through, each synced document's PDF is filed on its
 * Salesforce record, once per version of the document. The checksum (MD5, as Salesforce's ContentVersion.Checksum)
 * of the PDF last filed is kept in our database: the same PDF costs no call at all. The records of the others are
 * looked at together (one or two queries for about 260), since a process may have died between an upload and our
 * commit: a PDF found there is only recorded. The rest go up as their File's next version, or as a new File the
 * first time, up to `concurrency` uploads at once; one more query answers the new Files' ids. The outbox's lease
 * keeps two drains off the same document at once.
 *
 * A failed upload fails the document's attempt with its reason, and keeps what its records are in Salesforce.
 */
import crypto from "node:crypto"
import { describeSalesforceError } from "../../../modules/salesforce/lib/describe-error"
import { toSalesforceApiError } from "../../../modules/salesforce/lib/errors"
import type {
  NewFileVersion,
  RecordFile,
} from "../../../modules/salesforce/lib/files"
import type { InvoiceSyncOutcome } from "../../../modules/salesforce/types"
import { RetryPolicy, Sleep, withRetry } from "./retry-policy"
import type { PushHalt, PushResult } from "./send-batch"
import { runInDependencyOrder } from "./send-packed"

/** The sObject a File's version is, for messages and hints. */
export const FILE_VERSION_OBJECT = "ContentVersion"

/** What the policy needs of the transport: the Salesforce module service offers exactly these. */
export type FileTransport = {
  listRecordFiles(recordIds: string[]): Promise<Map<string, RecordFile[]>>
  uploadFileVersion(file: NewFileVersion): Promise<string>
  fileDocuments(versionIds: string[]): Promise<Map<string, string>>
}

export type AttachPdfContext = {
  transport: FileTransport
  /** The document's PDF and number (the invoice module renders it, the same bytes for the same document). */
  render(invoiceId: string): Promise<{ number: string; pdf: Buffer }>
  /** What each document's record holds already, as our database last recorded it (and for which record). */
  previous: Map<
    string,
    {
      recordId: string | null
      checksum: string | null
      documentId: string | null
    }
  >
  policy: RetryPolicy
  /** Uploads at once, at most. */
  concurrency: number
  sleep?: Sleep
}

export const md5Hex = (bytes: Buffer) =>
  crypto.createHash("md5").update(bytes).digest("hex")

const fileName = (number: string) => `${number}.pdf`

/** A synced document whose PDF its record may not hold yet. */
type Filing = {
  invoiceId: string
  recordId: string
  number: string
  pdf: Buffer
  checksum: string
  /** The record's File this PDF becomes the next version of; null for a new File. */
  documentId: string | null
}

type Failure = { errorCode: string; reason: string }

/** A document whose records went through: its PDF is to be filed on its record. */
const isSynced = (
  o: InvoiceSyncOutcome
): o is InvoiceSyncOutcome & { salesforce_id: string } =>
  o.status === "synced" && !!o.salesforce_id

/** The batch's result with each synced document's PDF filed; documents whose upload failed come back failed. */
export async function attachPdfs(
  ctx: AttachPdfContext,
  result: PushResult
): Promise<PushResult> {
  let halt: PushHalt | null = result.halt
  const filed = new Map<string, { checksum: string; document_id: string }>()
  const failures = new Map<string, Failure>()
  const haltFailure = (h: PushHalt): Failure => ({
    errorCode: h.errorCode,
    reason: h.message,
  })
  const fail = (invoiceIds: string[], raw: unknown) => {
    const error = toSalesforceApiError(raw)
    const reason = describeSalesforceError(error, FILE_VERSION_OBJECT)
    if (error.kind === "auth" || error.kind === "daily_limit") {
      halt ??= { kind: error.kind, errorCode: error.errorCode, message: reason }
    }
    for (const id of invoiceIds)
      failures.set(id, { errorCode: error.errorCode, reason })
  }
  const synced = result.outcomes.filter(isSynced)

  // 1. Each PDF (the same bytes for the same document): one recorded as filed on this very record costs no call.
  const unsure: Filing[] = []
  for (const outcome of synced) {
    if (halt) {
      failures.set(outcome.invoice_id, haltFailure(halt))
      continue
    }
    const { number, pdf } = await ctx.render(outcome.invoice_id)
    const checksum = md5Hex(pdf)
    const stored = ctx.previous.get(outcome.invoice_id)
    // What we stored is about the record it was filed on: a record created anew (deleted in Salesforce) has none.
    const known =
      stored?.recordId === outcome.salesforce_id ? stored : undefined
    if (known?.checksum === checksum && known.documentId) {
      filed.set(outcome.invoice_id, { checksum, document_id: known.documentId })
      continue
    }
    unsure.push({
      invoiceId: outcome.invoice_id,
      recordId: outcome.salesforce_id,
      number,
      pdf,
      checksum,
      documentId: known?.documentId ?? null,
    })
  }

  // 2. What those records hold: our File is the one recorded, else the one named after the document (filed by a
  // process that died before recording it). A File already holding this PDF is only recorded.
  const uploads: Filing[] = []
  if (unsure.length) {
    try {
      const files = await withRetry(
        () => ctx.transport.listRecordFiles(unsure.map((f) => f.recordId)),
        ctx.policy,
        ctx.sleep
      )
      for (const filing of unsure) {
        const onRecord = files.get(filing.recordId) ?? []
        const file =
          onRecord.find((f) => f.documentId === filing.documentId) ??
          onRecord.find((f) => f.pathOnClient === fileName(filing.number))
        if (file?.checksum === filing.checksum) {
          filed.set(filing.invoiceId, {
            checksum: filing.checksum,
            document_id: file.documentId,
          })
        } else {
          uploads.push({ ...filing, documentId: file?.documentId ?? null })
        }
      }
    } catch (raw) {
      fail(
        unsure.map((f) => f.invoiceId),
        raw
      )
    }
  }

  // 3. The uploads, `concurrency` at once. Not retried: a create is not idempotent, and a lost answer is found by
  // its checksum on the next sync. After refused credentials or the daily limit, the rest are not sent.
  const newFiles = new Map<string, { filing: Filing; versionId: string }>()
  await runInDependencyOrder(
    uploads.map(() => ({ dependsOn: [] })),
    Math.max(1, ctx.concurrency),
    async (index) => {
      const filing = uploads[index]
      if (halt) {
        failures.set(filing.invoiceId, haltFailure(halt))
        return
      }
      try {
        const versionId = await ctx.transport.uploadFileVersion({
          title: filing.number,
          pathOnClient: fileName(filing.number),
          bytes: filing.pdf,
          recordId: filing.recordId,
          documentId: filing.documentId,
        })
        if (filing.documentId) {
          filed.set(filing.invoiceId, {
            checksum: filing.checksum,
            document_id: filing.documentId,
          })
        } else {
          newFiles.set(filing.invoiceId, { filing, versionId })
        }
      } catch (raw) {
        fail([filing.invoiceId], raw)
      }
    }
  )

  // 4. The new Files' ids, which their next versions go under.
  if (newFiles.size) {
    try {
      const documents = await withRetry(
        () =>
          ctx.transport.fileDocuments(
            [...newFiles.values()].map((n) => n.versionId)
          ),
        ctx.policy,
        ctx.sleep
      )
      for (const [invoiceId, { filing, versionId }] of newFiles) {
        const documentId = documents.get(versionId)
        if (documentId) {
          filed.set(invoiceId, {
            checksum: filing.checksum,
            document_id: documentId,
          })
        } else {
          failures.set(invoiceId, {
            errorCode: "UNEXPECTED_RESPONSE",
            reason: `Salesforce did not answer the File of ContentVersion ${versionId}`,
          })
        }
      }
    } catch (raw) {
      fail([...newFiles.keys()], raw)
    }
  }

  const outcomes = result.outcomes.map((outcome): InvoiceSyncOutcome => {
    if (!isSynced(outcome)) return outcome
    const pdf = filed.get(outcome.invoice_id)
    if (pdf) return { ...outcome, pdf }
    // Every synced document was filed or failed above; one neither would be a bug, and is failed rather than lost.
    const failure = failures.get(outcome.invoice_id) ?? {
      errorCode: "UNEXPECTED_RESPONSE",
      reason: "the PDF's filing did not finish",
    }
    return {
      ...outcome,
      status: "failed",
      error_code: failure.errorCode,
      error_message: `The records are in Salesforce, but the PDF was not attached: ${failure.reason}`,
    }
  })
  return { ...result, outcomes, halt }
}
