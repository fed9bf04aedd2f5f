// Salesforce Files over the client: what records have filed on them, and a new file or version of one. A File is a
// ContentDocument whose versions are ContentVersions; ContentDocumentLink ties it to records. The queries take many
// records at once, an upload is one call; no retries, no decisions (the sync's policy decides what to upload:
// workflows/salesforce/utils/attach-pdfs.ts).
import { RECORD_ID, SalesforceClient } from "./client"
import { SalesforceApiError } from "./errors"
import { soqlInLists } from "./soql"

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

/** Record ids (checked) in as few SOQL `IN (...)` lists as keep each query's URL short enough. */
const idLists = (ids: string[]) => soqlInLists([...new Set(ids)].map(checkId))

/**
 * The latest version of every File linked to each record: two queries for each `IN (...)` list of records (about
 * 260 of them: the links, then the Files' latest versions), one when none of them has a File.
 */
export async function listRecordFiles(
  client: SalesforceClient,
  recordIds: string[]
): Promise<Map<string, RecordFile[]>> {
  const files = new Map<string, RecordFile[]>(recordIds.map((id) => [id, []]))
  for (const ids of idLists(recordIds)) {
    const links = await client.query<{
      ContentDocumentId: string
      LinkedEntityId: string
    }>(
      `SELECT ContentDocumentId, LinkedEntityId FROM ContentDocumentLink WHERE LinkedEntityId IN (${ids})`
    )
    if (!links.length) continue
    const versions = await client.query<{
      Id: string
      ContentDocumentId: string
      Checksum: string | null
      PathOnClient: string | null
    }>(
      `SELECT Id, ContentDocumentId, Checksum, PathOnClient FROM ContentVersion WHERE IsLatest = true AND ContentDocumentId IN (SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId IN (${ids}))`
    )
    const latest = new Map(versions.map((v) => [v.ContentDocumentId, v]))
    for (const link of links) {
      const version = latest.get(link.ContentDocumentId)
      if (!version) continue
      files.get(link.LinkedEntityId)?.push({
        versionId: version.Id,
        documentId: version.ContentDocumentId,
        checksum: version.Checksum,
        pathOnClient: version.PathOnClient,
      })
    }
  }
  return files
}

/**
 * Inserts a ContentVersion (base64 VersionData) with `POST /sobjects/ContentVersion`, the documented single-record
 * way to insert a file (up to 37.5 MB): a new File on the record, or the next version of an existing File. Answers
 * the version's id; a new File's ContentDocumentId comes from fileDocuments.
 */
export async function uploadFileVersion(
  client: SalesforceClient,
  file: NewFileVersion
): Promise<string> {
  const target = file.documentId
    ? { ContentDocumentId: checkId(file.documentId) }
    : { FirstPublishLocationId: checkId(file.recordId) }
  return client.createOne("ContentVersion", {
    Title: file.title,
    PathOnClient: file.pathOnClient,
    VersionData: file.bytes.toString("base64"),
    ...target,
  })
}

/** The File (ContentDocumentId) of each version: one query for each `IN (...)` list of versions. */
export async function fileDocuments(
  client: SalesforceClient,
  versionIds: string[]
): Promise<Map<string, string>> {
  const documents = new Map<string, string>()
  for (const ids of idLists(versionIds)) {
    const rows = await client.query<{ Id: string; ContentDocumentId: string }>(
      `SELECT Id, ContentDocumentId FROM ContentVersion WHERE Id IN (${ids})`
    )
    for (const row of rows) documents.set(row.Id, row.ContentDocumentId)
  }
  return documents
}
