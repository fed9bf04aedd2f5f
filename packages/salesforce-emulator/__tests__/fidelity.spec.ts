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

// Behaviours where emulators commonly differ from Salesforce; each answer is the one a real org gives.

const base = `/services/data/v${API_VERSION}`

describe("fidelity to Salesforce's answers", () => {
  let sf: EmulatorHandle
  let conn: Connection
  const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })

  beforeAll(async () => {
    sf = await emulator({
      jwtCertificate: keys.publicKey
        .export({ type: "spki", format: "pem" })
        .toString(),
    })
    conn = await clientCredentialsConnection(sf)
  })
  beforeEach(() => sf.reset())
  afterAll(() => sf.stop())

  it("answers ?fields= with an unknown field 400 INVALID_FIELD", async () => {
    conn = await clientCredentialsConnection(sf)
    const id = sf.insert("Account", { Name: "Acme" })
    const answer = await raw(
      sf,
      conn,
      "GET",
      `${base}/sobjects/Account/${id}?fields=Name,Bogus__c`
    )
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual([
      {
        errorCode: "INVALID_FIELD",
        message: expect.stringMatching(
          /^No such column 'Bogus__c' on entity 'Account'\./
        ),
      },
    ])
    const known = await raw(
      sf,
      conn,
      "GET",
      `${base}/sobjects/Account/${id}?fields=Name`
    )
    expect(known.json).toMatchObject({ Name: "Acme" })
  })

  it("refuses an Id in a create body with 400 INVALID_FIELD", async () => {
    conn = await clientCredentialsConnection(sf)
    const existing = sf.insert("Account", { Name: "Acme" })
    const answer = await raw(
      sf,
      conn,
      "POST",
      `${base}/sobjects/Account`,
      JSON.stringify({ Id: existing, Name: "Copy" })
    )
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual([
      {
        errorCode: "INVALID_FIELD",
        message: "The Id field should not be specified in the sobject data.",
        fields: [],
      },
    ])
    expect(sf.records("Account")).toHaveLength(1)
  })

  it("names a custom-object record created without Name after its Id", async () => {
    conn = await clientCredentialsConnection(sf)
    const { Name: _name, ...unnamed } = invoice(1)
    const created = (await conn
      .sobject("Medusa_Invoice__c")
      .create(unnamed)) as { id: string }
    const record = await conn.sobject("Medusa_Invoice__c").retrieve(created.id)
    expect(record.Name).toBe(created.id)
    // A standard object's name stays required.
    const account = await rejection(conn.sobject("Account").create({}))
    expect(account.errorCode).toBe("REQUIRED_FIELD_MISSING")
  })

  it("answers GET of a deleted record 404 NOT_FOUND and a second DELETE ENTITY_IS_DELETED", async () => {
    conn = await clientCredentialsConnection(sf)
    const id = sf.insert("Account", { Name: "Acme" })
    const url = `${base}/sobjects/Account/${id}`
    expect((await raw(sf, conn, "DELETE", url)).status).toBe(204)
    const read = await raw(sf, conn, "GET", url)
    expect([read.status, read.json]).toEqual([
      404,
      [
        {
          errorCode: "NOT_FOUND",
          message: "The requested resource does not exist",
        },
      ],
    ])
    const again = await raw(sf, conn, "DELETE", url)
    expect([again.status, (again.json as { errorCode: string }[])[0]]).toEqual([
      404,
      expect.objectContaining({ errorCode: "ENTITY_IS_DELETED" }),
    ])
  })

  it("answers a JWT assertion with a bad signature 400 invalid_grant", async () => {
    const encode = (value: object) =>
      Buffer.from(JSON.stringify(value)).toString("base64url")
    const input = `${encode({ alg: "RS256", typ: "JWT" })}.${encode({
      iss: sf.clientId,
      sub: sf.username,
      aud: sf.url,
      exp: Math.floor(Date.now() / 1000) + 180,
    })}`
    const signature = crypto
      .sign("RSA-SHA256", Buffer.from(input), keys.privateKey)
      .toString("base64url")
    const token = (assertion: string) =>
      fetch(`${sf.url}/services/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
          assertion,
        }),
      })
    expect((await token(`${input}.${signature}`)).status).toBe(200)
    // The same claims, the signature bytes altered.
    const tampered = `${input}.${signature.slice(0, -6)}AAAAAA`
    for (const assertion of [tampered, `${input}.`, "not-a-jwt"]) {
      const answer = await token(assertion)
      expect([answer.status, await answer.json()]).toEqual([
        400,
        { error: "invalid_grant", error_description: "invalid assertion" },
      ])
    }
  })

  it("keeps a non-reparentable master: sent again it is fine, changed it is refused", async () => {
    conn = await clientCredentialsConnection(sf)
    const describe = await conn.sobject("Medusa_Invoice_Line__c").describe()
    expect(describe.fields.find((f) => f.name === "Invoice__c")).toMatchObject({
      createable: true,
      updateable: false,
    })

    const first = sf.insert("Medusa_Invoice__c", invoice(1))
    sf.insert("Medusa_Invoice__c", invoice(2))
    const lines = conn.sobject("Medusa_Invoice_Line__c")
    const line = (parent: string) => ({
      Medusa_Id__c: "line_1",
      Invoice__r: { Medusa_Id__c: parent },
      Quantity__c: 1,
    })
    expect(
      (await lines.upsert([line("inv_1")], "Medusa_Id__c"))[0]
    ).toMatchObject({ success: true, created: true })
    expect(
      (await lines.upsert([line("inv_1")], "Medusa_Id__c"))[0]
    ).toMatchObject({ success: true, created: false })
    const moved = await lines.upsert([line("inv_2")], "Medusa_Id__c")
    expect(moved[0]).toEqual({
      success: false,
      created: false,
      errors: [
        {
          statusCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
          message: expect.stringMatching(
            /^Unable to create\/update fields: Invoice__c\. Please check the security settings/
          ),
          fields: ["Invoice__c"],
        },
      ],
    })
    expect(sf.records("Medusa_Invoice_Line__c")[0].Invoice__c).toBe(first)
  })
})
