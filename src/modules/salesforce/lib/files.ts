// Salesforce Files over the client: what a record has filed on it, and a new file or version of one. A File is a
// ContentDocument whose versions are ContentVersions; ContentDocumentLink ties it to records. One call each, no
// retries, no decisions (the sync's policy decides what to upload: workflows/salesforce/utils/attach-pdfs.ts).
import { RECORD_ID, SalesforceClient } from "./client"
import { SalesforceApiError } from "./errors"

/** The latest version of a File linked to a record. */
export type RecordFile = {
  versionId: string
  documentId: string
  /** MD5 of the bytes, hex, as Salesforce computes it. */
  checksum: string | null
  pathOnClient: string | null
}

export type NewFileVersion = {
  title: string
  pathOnClient: string
  bytes: Buffer
  /** A new File published to (and linked to) this record ... */
  recordId: string
  /** ... or, when given, the next version of this File. */
  documentId?: string | null
}

function checkId(id: string): string {
  if (!RECORD_ID.test(id)) {
    // Ids go into SOQL: anything else is refused before it gets there.
    throw new SalesforceApiError({
      errorCode: "MALFORMED_ID",
      kind: "data",
      message: `${JSON.stringify(id)} is not a Salesforce record id`,
    })
  }
  return id
}

/** The latest version of every File linked to the record (one query). */
export async function listRecordFiles(
  client: SalesforceClient,
  recordId: string
): Promise<RecordFile[]> {
  const rows = await client.query<{
    Id: string
    ContentDocumentId: string
    Checksum: string | null
    PathOnClient: string | null
  }>(
    `SELECT Id, ContentDocumentId, Checksum, PathOnClient FROM ContentVersion WHERE IsLatest = true AND ContentDocumentId IN (SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${checkId(recordId)}')`
  )
  return rows.map((r) => ({
    versionId: r.Id,
    documentId: r.ContentDocumentId,
    checksum: r.Checksum,
    pathOnClient: r.PathOnClient,
  }))
}

/**
 * Inserts a ContentVersion (base64 VersionData): a new File on the record, or the next version of an existing
 * File. Answers the version and its File; a new File costs a second call to learn its ContentDocumentId.
 */
export async function uploadFileVersion(
  client: SalesforceClient,
  file: NewFileVersion
): Promise<{ versionId: string; documentId: string }> {
  const target = file.documentId
    ? { ContentDocumentId: checkId(file.documentId) }
    : { FirstPublishLocationId: checkId(file.recordId) }
  const versionId = await client.createOne("ContentVersion", {
    Title: file.title,
    PathOnClient: file.pathOnClient,
    VersionData: file.bytes.toString("base64"),
    ...target,
  })
  if (file.documentId) {
    return { versionId, documentId: file.documentId }
  }
  const [created] = await client.query<{ ContentDocumentId: string }>(
    `SELECT ContentDocumentId FROM ContentVersion WHERE Id = '${checkId(versionId)}'`
  )
  if (!created?.ContentDocumentId) {
    throw new SalesforceApiError({
      errorCode: "UNEXPECTED_RESPONSE",
      message: `Salesforce did not answer the File of ContentVersion ${versionId}`,
    })
  }
  return { versionId, documentId: created.ContentDocumentId }
}
