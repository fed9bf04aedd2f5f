import crypto from "node:crypto"
import { ObjectSchema } from "../schema/types"
import { formatDateTime } from "./coerce"
import type { DmlContext } from "./dml"
import { SObjectRecord } from "./record-store"

// What Salesforce does when a ContentVersion is inserted: the bytes are kept, the version gets its checksum, size
// and number, a ContentDocument is created for a first version (or moves to this version for a later one), and a
// first version is linked to its owner and to FirstPublishLocationId, so ContentDocumentLink queries by
// LinkedEntityId find it. VersionData reads back as the URL of the bytes, as in the REST API.

/** The record key the bytes (base64) are kept under: not a field, so no API answer carries it. */
export const VERSION_BYTES = "__VersionData"

const FILE_TYPES: Record<string, string> = {
  pdf: "PDF",
  png: "PNG",
  jpg: "JPG",
  jpeg: "JPG",
  gif: "GIF",
  txt: "TEXT",
  csv: "CSV",
  xml: "XML",
  zip: "ZIP",
  doc: "WORD",
  docx: "WORD_X",
  xls: "EXCEL",
  xlsx: "EXCEL_X",
}

function object(ctx: DmlContext, name: string): ObjectSchema {
  return ctx.store.objectNamed(name) as ObjectSchema
}

/** A record the platform writes itself, past the API's create rules. */
function systemInsert(
  ctx: DmlContext,
  target: ObjectSchema,
  fields: Record<string, unknown>
): SObjectRecord {
  const now = formatDateTime(new Date())
  const record: SObjectRecord = { Id: "", IsDeleted: false }
  for (const field of target.fields) {
    record[field.name] = field.type === "boolean" ? false : null
  }
  Object.assign(record, fields, {
    Id: ctx.store.newId(target),
    IsDeleted: false,
    CreatedDate: now,
    CreatedById: ctx.userId,
    LastModifiedDate: now,
    LastModifiedById: ctx.userId,
    SystemModstamp: now,
  })
  if ("OwnerId" in record) {
    record.OwnerId = ctx.userId
  }
  ctx.store.insert(target, record)
  return record
}

export function blobUrl(apiVersion: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/ContentVersion/${id}/VersionData`
}

export function publishVersion(ctx: DmlContext, inserted: SObjectRecord): void {
  const versions = object(ctx, "ContentVersion")
  const documents = object(ctx, "ContentDocument")
  const bytes = Buffer.from(String(inserted.VersionData ?? ""), "base64")
  const path = String(inserted.PathOnClient ?? "")
  const extension = path.includes(".")
    ? path.slice(path.lastIndexOf(".") + 1).toLowerCase()
    : ""
  const file = {
    FileExtension: extension || null,
    FileType: FILE_TYPES[extension] ?? "UNKNOWN",
    ContentSize: bytes.length,
  }
  const title =
    inserted.Title ||
    path.slice(path.lastIndexOf("/") + 1).replace(/\.[^.]*$/, "")
  let documentId = inserted.ContentDocumentId as string | null
  let versionNumber = 1
  if (documentId) {
    const earlier = ctx.store
      .all(versions)
      .filter((v) => v.ContentDocumentId === documentId && v.Id !== inserted.Id)
    versionNumber = earlier.length + 1
    for (const version of earlier.filter((v) => v.IsLatest)) {
      ctx.store.replace(versions, { ...version, IsLatest: false })
    }
    const document = ctx.store.get(documents, documentId) as SObjectRecord
    ctx.store.replace(documents, {
      ...document,
      ...file,
      Title: title,
      LatestPublishedVersionId: inserted.Id,
      SystemModstamp: formatDateTime(new Date()),
    })
  } else {
    documentId = systemInsert(ctx, documents, {
      ...file,
      Title: title,
      LatestPublishedVersionId: inserted.Id,
    }).Id
    const links = object(ctx, "ContentDocumentLink")
    const linked = [ctx.userId, inserted.FirstPublishLocationId].filter(
      (id): id is string => typeof id === "string" && id !== ""
    )
    for (const entity of new Set(linked)) {
      systemInsert(ctx, links, {
        ContentDocumentId: documentId,
        LinkedEntityId: entity,
        ShareType: "I",
        Visibility: "AllUsers",
      })
    }
  }
  ctx.store.replace(versions, {
    ...inserted,
    ...file,
    Title: title,
    ContentDocumentId: documentId,
    VersionNumber: String(versionNumber),
    IsLatest: true,
    Checksum: crypto.createHash("md5").update(bytes).digest("hex"),
    VersionData: bytes.length > 0 ? blobUrl(ctx.apiVersion, inserted.Id) : null,
    [VERSION_BYTES]: inserted.VersionData ?? null,
  })
}
