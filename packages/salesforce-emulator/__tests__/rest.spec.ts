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

describe("REST resources driven by jsforce", () => {
  let sf: EmulatorHandle
  let conn: Connection

  beforeAll(async () => {
    sf = await emulator()
    conn = await clientCredentialsConnection(sf)
  })
  afterAll(() => sf.stop())

  it("lists API versions without a session, and 404s unknown versions", async () => {
    const versions = (await (
      await fetch(`${sf.url}/services/data/`)
    ).json()) as { version: string; url: string; label: string }[]
    // Shape of "List Available REST API Versions" in the REST API Developer Guide.
    expect(versions).toContainEqual({
      label: "Winter '25",
      url: "/services/data/v62.0",
      version: "62.0",
    })
    const unknown = await raw(sf, conn, "GET", "/services/data/v99.0/limits")
    expect(unknown.status).toBe(404)
    expect(unknown.json).toEqual([
      {
        errorCode: "NOT_FOUND",
        message: "The requested resource does not exist",
      },
    ])
  })

  it("describes the objects loaded from the SFDX metadata and the standard ones", async () => {
    const global = await conn.describeGlobal()
    const names = global.sobjects.map((s) => s.name)
    expect(names).toEqual(
      expect.arrayContaining([
        "Account",
        "Contact",
        "User",
        "Organization",
        "Medusa_Invoice__c",
        "Medusa_Invoice_Line__c",
      ])
    )

    const invoiceDescribe = await conn.sobject("Medusa_Invoice__c").describe()
    const field = (name: string) =>
      invoiceDescribe.fields.find((f) => f.name === name)
    expect(invoiceDescribe.keyPrefix).toMatch(/^a0[0-9A-Z]$/)
    expect(field("Medusa_Id__c")).toMatchObject({
      type: "string",
      length: 255,
      externalId: true,
      unique: true,
      nillable: true,
    })
    expect(field("Customer_Email__c")).toMatchObject({
      type: "email",
      nillable: false,
    })
    expect(field("Notes__c")).toMatchObject({
      type: "textarea",
      length: 131072,
    })
    expect(field("Total__c")).toMatchObject({
      type: "double",
      precision: 17,
      scale: 3,
    })
    expect(field("Account__c")).toMatchObject({
      type: "reference",
      referenceTo: ["Account"],
      relationshipName: "Account__r",
    })
    expect(
      (field("Document_Type__c")?.picklistValues ?? []).map((p) => p.value)
    ).toEqual(["Invoice", "Credit Note"])
    expect(invoiceDescribe.childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: "Medusa_Invoice_Line__c",
        field: "Invoice__c",
        relationshipName: "Lines__r",
        cascadeDelete: true,
      })
    )
    const contact = await conn.sobject("Contact").describe()
    expect(contact.fields.find((f) => f.name === "AccountId")).toMatchObject({
      relationshipName: "Account",
      referenceTo: ["Account"],
    })
    expect(
      contact.fields.find((f) => f.name === "Medusa_Customer_Id__c")
    ).toMatchObject({ externalId: true, unique: true })

    const missing = await rejection(conn.sobject("Nope__c").describe())
    expect(missing.errorCode).toBe("NOT_FOUND")
  })

  it("creates, reads, updates and deletes records", async () => {
    const account = await conn.sobject("Account").create({ Name: "Acme" })
    // Shape of "Create a Record" in the REST API Developer Guide.
    expect(account).toEqual({
      id: expect.stringMatching(/^001[A-Za-z0-9]{15}$/),
      success: true,
      errors: [],
    })
    const created = await conn.sobject("Contact").create({
      LastName: "Doe",
      FirstName: "Jane",
      Email: "jane@example.com",
      AccountId: account.id,
    })
    const contactId = (created as { id: string }).id

    const read = await conn.sobject("Contact").retrieve(contactId)
    expect(read).toMatchObject({
      attributes: {
        type: "Contact",
        url: `/services/data/v${API_VERSION}/sobjects/Contact/${contactId}`,
      },
      Id: contactId,
      Name: "Jane Doe",
      AccountId: account.id,
      OwnerId: sf.userId,
      IsDeleted: false,
    })
    // A 15-character id works as well as the 18-character one.
    const short = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/sobjects/Contact/${contactId.slice(0, 15)}?fields=Id,Email`
    )
    expect(short.json).toEqual({
      attributes: expect.any(Object),
      Id: contactId,
      Email: "jane@example.com",
    })

    expect(
      await conn
        .sobject("Contact")
        .update({ Id: contactId, Email: "jane.doe@example.com" })
    ).toEqual({ id: contactId, success: true, errors: [] })
    expect((await conn.sobject("Contact").retrieve(contactId)).Email).toBe(
      "jane.doe@example.com"
    )

    expect(await conn.sobject("Contact").destroy(contactId)).toEqual({
      id: contactId,
      success: true,
      errors: [],
    })
    // A deleted record is gone to a read, and "deleted" to a write.
    const gone = await rejection(conn.sobject("Contact").retrieve(contactId))
    expect(gone.errorCode).toBe("NOT_FOUND")
    const again = await rejection(
      conn.sobject("Contact").update({ Id: contactId, LastName: "X" })
    )
    expect(again.errorCode).toBe("ENTITY_IS_DELETED")
    const trailing = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/sobjects/Account/${account.id}/`
    )
    expect(trailing.status).toBe(200)
  })

  it("upserts a single record by external ID: 201 created, 200 updated, 300 ambiguous", async () => {
    const path = `/services/data/v${API_VERSION}/sobjects/Medusa_Invoice__c/Medusa_Id__c/inv_single`
    const { Medusa_Id__c: _id, ...fields } = invoice(1)
    const first = await raw(sf, conn, "PATCH", path, JSON.stringify(fields))
    // Shapes of "Insert or Update (Upsert) a Record Using an External ID" (API 46.0+) in the REST API Developer Guide.
    expect(first.status).toBe(201)
    expect(first.json).toEqual({
      id: expect.any(String),
      success: true,
      errors: [],
      created: true,
    })
    const second = await raw(
      sf,
      conn,
      "PATCH",
      path,
      JSON.stringify({ ...fields, Total__c: 5 })
    )
    expect(second.status).toBe(200)
    expect(second.json).toEqual({
      id: (first.json as { id: string }).id,
      success: true,
      errors: [],
      created: false,
    })

    const viaJsforce = await conn
      .sobject("Medusa_Invoice__c")
      .upsert({ ...invoice(2), Medusa_Id__c: "inv_single" }, "Medusa_Id__c")
    expect(viaJsforce).toMatchObject({ success: true, created: false })

    // Account's Medusa_Customer_Id__c is unique; Account.Name is not an external ID: 404 as Salesforce answers.
    const notExternal = await raw(
      sf,
      conn,
      "PATCH",
      `/services/data/v${API_VERSION}/sobjects/Account/Name/Acme`,
      "{}"
    )
    expect(notExternal.status).toBe(404)
    expect(notExternal.json).toEqual([
      {
        errorCode: "NOT_FOUND",
        message: "The requested resource does not exist",
      },
    ])
  })

  it("validates against the schema with Salesforce's error codes, always as an array", async () => {
    const sobject = conn.sobject("Medusa_Invoice__c")
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ Name: "X" }, "REQUIRED_FIELD_MISSING", ["Customer_Email__c"]],
      [
        { ...invoice(10), Currency__c: "EURO" },
        "STRING_TOO_LONG",
        ["Currency__c"],
      ],
      [{ ...invoice(11), Nope__c: 1 }, "INVALID_FIELD", ["Nope__c"]],
      [
        { ...invoice(12), Customer_Email__c: "not-an-email" },
        "INVALID_EMAIL_ADDRESS",
        ["Customer_Email__c"],
      ],
      [
        { ...invoice(13), Document_Type__c: "Receipt" },
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        ["Document_Type__c"],
      ],
      [
        { ...invoice(14), Account__c: "001000000000000" },
        "INVALID_CROSS_REFERENCE_KEY",
        ["Account__c"],
      ],
      [
        { ...invoice(15), Account__c: sf.userId },
        "FIELD_INTEGRITY_EXCEPTION",
        ["Account__c"],
      ],
      [
        { ...invoice(16), CreatedDate: "2024-01-01T00:00:00Z" },
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        ["CreatedDate"],
      ],
    ]
    for (const [record, code, fields] of cases) {
      const error = await rejection(sobject.create(record))
      expect([
        error.errorCode,
        (error.data as { fields: string[] }).fields,
      ]).toEqual([code, fields])
    }
    await sobject.create(invoice(20))
    const duplicate = await rejection(sobject.create(invoice(20)))
    expect(duplicate.errorCode).toBe("DUPLICATE_VALUE")
    expect(duplicate.message).toMatch(
      /^duplicate value found: Medusa_Id__c duplicates value on record with id: a0/
    )

    const badJson = await raw(
      sf,
      conn,
      "POST",
      `/services/data/v${API_VERSION}/sobjects/Account`,
      "{not json"
    )
    expect(badJson.status).toBe(400)
    expect(badJson.json).toEqual([
      { errorCode: "JSON_PARSER_ERROR", message: expect.any(String) },
    ])
    const wrongType = await raw(
      sf,
      conn,
      "POST",
      `/services/data/v${API_VERSION}/sobjects/Medusa_Invoice__c`,
      JSON.stringify({ ...invoice(21), Total__c: "lots" })
    )
    expect(wrongType.status).toBe(400)
    expect((wrongType.json as { errorCode: string }[])[0].errorCode).toBe(
      "JSON_PARSER_ERROR"
    )
    const unknownObject = await raw(
      sf,
      conn,
      "POST",
      `/services/data/v${API_VERSION}/sobjects/Nope__c`,
      "{}"
    )
    expect(unknownObject.status).toBe(404)
    const unknownPath = await raw(
      sf,
      conn,
      "GET",
      `/services/data/v${API_VERSION}/nothing/here`
    )
    expect(unknownPath.json).toEqual([
      {
        errorCode: "NOT_FOUND",
        message: "The requested resource does not exist",
      },
    ])
    const multiple = await raw(
      sf,
      conn,
      "POST",
      `/services/data/v${API_VERSION}/sobjects/Medusa_Invoice__c`,
      JSON.stringify({ Currency__c: "EURO" })
    )
    expect(multiple.json).toEqual([
      {
        message: expect.stringMatching(/^Currency: data value too large/),
        errorCode: "STRING_TOO_LONG",
        fields: ["Currency__c"],
      },
    ])
  })

  it("reports API usage in Sforce-Limit-Info and /limits, and refuses calls past the daily limit", async () => {
    const limited = await emulator({ dailyApiLimit: 5 })
    try {
      const c = await clientCredentialsConnection(limited)
      await c.sobject("Account").create({ Name: "One" })
      expect(c.limitInfo.apiUsage).toEqual({ used: 1, limit: 5 })
      const limits = (await c.limits()) as unknown as Record<
        string,
        { Max: number; Remaining: number }
      >
      // Shape of "List Organization Limits" in the REST API Developer Guide.
      expect(limits.DailyApiRequests).toEqual({ Max: 5, Remaining: 3 })
      await c.query("SELECT Id FROM Account")
      await c.query("SELECT Id FROM Account")
      await c.query("SELECT Id FROM Account")
      expect(c.limitInfo.apiUsage).toEqual({ used: 5, limit: 5 })
      const error = await rejection(
        c.sobject("Account").create({ Name: "Too many" })
      )
      expect(error.errorCode).toBe("REQUEST_LIMIT_EXCEEDED")
      expect(error.message).toBe("TotalRequests Limit exceeded.")
      const response = await raw(
        limited,
        c,
        "GET",
        `/services/data/v${API_VERSION}/limits`
      )
      expect(response.status).toBe(403)
      expect(response.headers.get("sforce-limit-info")).toBe("api-usage=5/5")
      limited.setApiUsage({ used: 0 })
      expect((await c.query("SELECT Id FROM Account")).totalSize).toBe(1)
    } finally {
      await limited.stop()
    }
  })
})
