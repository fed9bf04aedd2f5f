import crypto from "node:crypto"
import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  emulator,
  invoice,
  raw,
  rejection,
} from "./support"

// Salesforce Files as an integration attaches an invoice PDF: ContentVersion insert with base64 VersionData and
// FirstPublishLocationId, then ContentDocumentLink / ContentVersion queries.

const pdf = Buffer.from("%PDF-1.7\nINV-1\n%%EOF\n")
const md5 = (bytes: Buffer) =>
  crypto.createHash("md5").update(bytes).digest("hex")

describe("ContentVersion, ContentDocument and ContentDocumentLink", () => {
  let sf: EmulatorHandle
  let conn: Connection
  let invoiceId: string

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
    invoiceId = sf.insert("Medusa_Invoice__c", invoice(1))
  })
  afterAll(() => sf.stop())

  it("files a version on the record it is published to, with its checksum and number", async () => {
    const created = (await conn.sobject("ContentVersion").create({
      Title: "INV-00001",
      PathOnClient: "INV-00001.pdf",
      VersionData: pdf.toString("base64"),
      FirstPublishLocationId: invoiceId,
    })) as { id: string; success: boolean }
    expect(created.success).toBe(true)

    const links = await conn.query<{
      ContentDocumentId: string
      LinkedEntityId: string
    }>(
      `SELECT ContentDocumentId, LinkedEntityId, ShareType FROM ContentDocumentLink WHERE LinkedEntityId = '${invoiceId}'`
    )
    expect(links.records).toEqual([
      expect.objectContaining({ LinkedEntityId: invoiceId, ShareType: "I" }),
    ])
    const documentId = links.records[0].ContentDocumentId

    const versions = await conn.query(
      `SELECT Id, Title, Checksum, ContentDocumentId, VersionNumber, IsLatest, FileType, FileExtension, ContentSize, VersionData FROM ContentVersion WHERE FirstPublishLocationId = '${invoiceId}'`
    )
    expect(versions.records).toEqual([
      expect.objectContaining({
        Id: created.id,
        Title: "INV-00001",
        Checksum: md5(pdf),
        ContentDocumentId: documentId,
        VersionNumber: "1",
        IsLatest: true,
        FileType: "PDF",
        FileExtension: "pdf",
        ContentSize: pdf.length,
        // As the REST API answers: the URL of the bytes, not the bytes.
        VersionData: `/services/data/v${API_VERSION}/sobjects/ContentVersion/${created.id}/VersionData`,
      }),
    ])
    const bytes = await fetch(`${sf.url}${versions.records[0].VersionData}`, {
      headers: { Authorization: `Bearer ${conn.accessToken}` },
    })
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(pdf)

    const documents = await conn.query(
      `SELECT Id, Title, LatestPublishedVersionId FROM ContentDocument WHERE Id = '${documentId}'`
    )
    expect(documents.records).toEqual([
      expect.objectContaining({
        Title: "INV-00001",
        LatestPublishedVersionId: created.id,
      }),
    ])
    // The owner's library link is there too, as Salesforce adds it.
    const all = await conn.query<{ LinkedEntityId: string }>(
      `SELECT LinkedEntityId FROM ContentDocumentLink WHERE ContentDocumentId = '${documentId}'`
    )
    expect(all.records.map((r) => r.LinkedEntityId).sort()).toEqual(
      [sf.userId, invoiceId].sort()
    )
    // Finding the same content again by checksum, as a sync does to never upload it twice.
    const same = await conn.query(
      `SELECT Id FROM ContentVersion WHERE ContentDocumentId IN (SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${invoiceId}') AND Checksum = '${md5(pdf)}'`
    )
    expect(same.totalSize).toBe(1)
  })

  it("adds a new version to an existing document", async () => {
    const [first] = sf.records("ContentVersion")
    const next = Buffer.from("%PDF-1.7\nINV-1 corrected\n%%EOF\n")
    const created = (await conn.sobject("ContentVersion").create({
      PathOnClient: "INV-00001.pdf",
      VersionData: next.toString("base64"),
      ContentDocumentId: first.ContentDocumentId,
    })) as { id: string }
    const versions = await conn.query<{
      Id: string
      VersionNumber: string
      IsLatest: boolean
    }>(
      `SELECT Id, VersionNumber, IsLatest FROM ContentVersion WHERE ContentDocumentId = '${first.ContentDocumentId}' ORDER BY VersionNumber`
    )
    expect(
      versions.records.map((v) => [v.Id, v.VersionNumber, v.IsLatest])
    ).toEqual([
      [first.Id, "1", false],
      [created.id, "2", true],
    ])
    expect(sf.records("ContentDocument")).toEqual([
      expect.objectContaining({ LatestPublishedVersionId: created.id }),
    ])
    expect(sf.records("ContentDocumentLink")).toHaveLength(2)
  })

  it("answers the latest version of each File linked to a record, as Attach PDF asks", async () => {
    const [first] = sf.records("ContentVersion")
    const other = sf.insert("Medusa_Invoice__c", invoice(2))
    await conn.sobject("ContentVersion").create({
      PathOnClient: "INV-00002.pdf",
      VersionData: pdf.toString("base64"),
      FirstPublishLocationId: other,
    })
    const latest = await conn.query<{
      ContentDocumentId: string
      Checksum: string
      PathOnClient: string
      VersionNumber: string
    }>(
      `SELECT Id, ContentDocumentId, Checksum, PathOnClient, VersionNumber FROM ContentVersion WHERE IsLatest = true AND ContentDocumentId IN (SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${invoiceId}')`
    )
    expect(latest.records).toEqual([
      expect.objectContaining({
        ContentDocumentId: first.ContentDocumentId,
        PathOnClient: "INV-00001.pdf",
        VersionNumber: "2",
        Checksum: md5(Buffer.from("%PDF-1.7\nINV-1 corrected\n%%EOF\n")),
      }),
    ])
  })

  it("needs PathOnClient, and refuses what is not base64", async () => {
    const missing = await rejection(
      conn
        .sobject("ContentVersion")
        .create({ Title: "x", VersionData: pdf.toString("base64") })
    )
    expect(missing.errorCode).toBe("REQUIRED_FIELD_MISSING")
    const answer = await raw(
      sf,
      conn,
      "POST",
      `/services/data/v${API_VERSION}/sobjects/ContentVersion`,
      JSON.stringify({ PathOnClient: "a.pdf", VersionData: "not base64!" })
    )
    expect(answer.status).toBe(400)
  })
})
