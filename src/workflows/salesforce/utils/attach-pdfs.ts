/**
 * The POLICY of Attach PDF: after a batch's records went through, each synced document's PDF is filed on its
 * Salesforce record, once per version of the document. The checksum (MD5, as Salesforce's ContentVersion.Checksum)
 * of the PDF last filed is kept in our database: the same PDF costs no call at all. A different one is first looked
 * for in Salesforce (the latest version of the document's File on the record), since a process may have died
 * between its upload and our commit: found, it is only recorded; else it goes up as the File's next version, or as
 * a new File the first time. The outbox's lease keeps two drains off the same document at once.
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

/** The sObject a File's version is, for messages and hints. */
export const FILE_VERSION_OBJECT = "ContentVersion"

/** What the policy needs of the transport: the Salesforce module service offers exactly these. */
export type FileTransport = {
  listRecordFiles(recordId: string): Promise<RecordFile[]>
  uploadFileVersion(
    file: NewFileVersion
  ): Promise<{ versionId: string; documentId: string }>
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
  sleep?: Sleep
}

export const md5Hex = (bytes: Buffer) =>
  crypto.createHash("md5").update(bytes).digest("hex")

const fileName = (number: string) => `${number}.pdf`

/** Files one document's PDF unless the record has it; answers what the record now holds. */
async function attachOne(
  ctx: AttachPdfContext,
  outcome: InvoiceSyncOutcome & { salesforce_id: string }
): Promise<{ checksum: string; document_id: string }> {
  const { number, pdf } = await ctx.render(outcome.invoice_id)
  const checksum = md5Hex(pdf)
  const stored = ctx.previous.get(outcome.invoice_id)
  // What we stored is about the record it was filed on: a record created anew (deleted in Salesforce) has none.
  const known = stored?.recordId === outcome.salesforce_id ? stored : undefined
  if (known?.checksum === checksum && known.documentId) {
    return { checksum, document_id: known.documentId }
  }
  const files = await withRetry(
    () => ctx.transport.listRecordFiles(outcome.salesforce_id),
    ctx.policy,
    ctx.sleep
  )
  // Our File: the one recorded, else the one named after the document (recorded by a process that died).
  const file =
    files.find((f) => f.documentId === known?.documentId) ??
    files.find((f) => f.pathOnClient === fileName(number))
  if (file?.checksum === checksum) {
    return { checksum, document_id: file.documentId }
  }
  // Not retried: a create is not idempotent, and a lost answer is found by its checksum on the next sync.
  const uploaded = await ctx.transport.uploadFileVersion({
    title: number,
    pathOnClient: fileName(number),
    bytes: pdf,
    recordId: outcome.salesforce_id,
    documentId: file?.documentId ?? null,
  })
  return { checksum, document_id: uploaded.documentId }
}

/** The batch's result with each synced document's PDF filed; documents whose upload failed come back failed. */
export async function attachPdfs(
  ctx: AttachPdfContext,
  result: PushResult
): Promise<PushResult> {
  let halt: PushHalt | null = result.halt
  const outcomes: InvoiceSyncOutcome[] = []
  for (const outcome of result.outcomes) {
    if (outcome.status !== "synced" || !outcome.salesforce_id) {
      outcomes.push(outcome)
      continue
    }
    const failed = (errorCode: string, reason: string) =>
      outcomes.push({
        ...outcome,
        status: "failed",
        error_code: errorCode,
        error_message: `The records are in Salesforce, but the PDF was not attached: ${reason}`,
      })
    if (halt) {
      failed(halt.errorCode, halt.message)
      continue
    }
    try {
      const pdf = await attachOne(ctx, {
        ...outcome,
        salesforce_id: outcome.salesforce_id,
      })
      outcomes.push({ ...outcome, pdf })
    } catch (raw) {
      const error = toSalesforceApiError(raw)
      const reason = describeSalesforceError(error, FILE_VERSION_OBJECT)
      if (error.kind === "auth" || error.kind === "daily_limit") {
        halt = { kind: error.kind, errorCode: error.errorCode, message: reason }
      }
      failed(error.errorCode, reason)
    }
  }
  return { ...result, outcomes, halt }
}
