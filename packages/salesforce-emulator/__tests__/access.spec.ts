import { Connection } from "jsforce"
import { EmulatorHandle } from "../index"
import {
  API_VERSION,
  clientCredentialsConnection,
  customObjectXml,
  emulator,
  invoice,
  raw,
  rejection,
  sfdxFolder,
  textFieldXml,
} from "./support"

// What the integration user may see and write: field-level security from its permission sets, and the currencies
// of a multi-currency org.

const base = `/services/data/v${API_VERSION}`

const PERMISSION_SET = `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <fieldPermissions><editable>true</editable><field>Widget__c.Code__c</field><readable>true</readable></fieldPermissions>
    <fieldPermissions><editable>false</editable><field>Widget__c.Price__c</field><readable>true</readable></fieldPermissions>
    <label>Widget Sync</label>
    <objectPermissions>
        <allowCreate>true</allowCreate><allowDelete>false</allowDelete><allowEdit>true</allowEdit>
        <allowRead>true</allowRead><object>Widget__c</object>
    </objectPermissions>
</PermissionSet>
`

describe("field-level security from permission sets", () => {
  const folder = sfdxFolder({
    "objects/Widget__c/Widget__c.object-meta.xml": customObjectXml("Widget"),
    "objects/Widget__c/fields/Code__c.field-meta.xml": textFieldXml(
      "Code__c",
      "<externalId>true</externalId><unique>true</unique>"
    ),
    "objects/Widget__c/fields/Price__c.field-meta.xml":
      textFieldXml("Price__c"),
    "objects/Widget__c/fields/Secret__c.field-meta.xml":
      textFieldXml("Secret__c"),
    "objects/Gadget__c/Gadget__c.object-meta.xml": customObjectXml("Gadget"),
    "permissionsets/Widget_Sync.permissionset-meta.xml": PERMISSION_SET,
  })
  let sf: EmulatorHandle
  let conn: Connection

  beforeAll(async () => {
    sf = await emulator({
      schemaDir: folder.dir,
      permissionSets: ["Widget_Sync"],
    })
    conn = await clientCredentialsConnection(sf)
  })
  afterAll(async () => {
    await sf.stop()
    folder.remove()
  })

  it("describes only readable fields, read-only ones as not createable or updateable", async () => {
    const describe = await conn.sobject("Widget__c").describe()
    const field = (name: string) => describe.fields.find((f) => f.name === name)
    expect(field("Secret__c")).toBeUndefined()
    expect(field("Price__c")).toMatchObject({
      createable: false,
      updateable: false,
    })
    expect(field("Code__c")).toMatchObject({
      createable: true,
      updateable: true,
    })
    expect(describe.deletable).toBe(false)
  })

  it("refuses writes of a read-only field and treats an unreadable one as unknown", async () => {
    const widgets = conn.sobject("Widget__c")
    const readOnly = await rejection(
      widgets.create({ Name: "W", Code__c: "w1", Price__c: "9" })
    )
    expect([readOnly.errorCode, readOnly.message]).toEqual([
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      "Unable to create/update fields: Price__c. Please check the security settings of this field and verify " +
        "that it is read/write for your profile or permission set.",
    ])
    const hidden = await rejection(
      widgets.create({ Name: "W", Code__c: "w1", Secret__c: "x" })
    )
    expect(hidden.errorCode).toBe("INVALID_FIELD")
    const query = await rejection(
      conn.query("SELECT Id, Secret__c FROM Widget__c")
    )
    expect(query.errorCode).toBe("INVALID_FIELD")

    await widgets.create({ Name: "W", Code__c: "w1" })
    const rows = await conn.query<{ Code__c: string; Price__c: null }>(
      "SELECT Code__c, Price__c FROM Widget__c"
    )
    expect(rows.records).toEqual([
      expect.objectContaining({ Code__c: "w1", Price__c: null }),
    ])
    // The test controls see the whole org.
    expect(sf.records("Widget__c")[0]).toHaveProperty("Secret__c", null)
  })

  it("hides objects the permission sets do not grant", async () => {
    const global = await conn.describeGlobal()
    expect(global.sobjects.map((o) => o.name)).toContain("Widget__c")
    expect(global.sobjects.map((o) => o.name)).not.toContain("Gadget__c")
    const answer = await raw(sf, conn, "GET", `${base}/sobjects/Gadget__c`)
    expect(answer.status).toBe(404)
  })

  it("enforces nothing without the option", async () => {
    const open = await emulator({ schemaDir: folder.dir })
    try {
      const c = await clientCredentialsConnection(open)
      await c
        .sobject("Widget__c")
        .create({ Name: "W", Code__c: "w1", Price__c: "9", Secret__c: "x" })
      expect(open.records("Widget__c")).toHaveLength(1)
    } finally {
      await open.stop()
    }
  })

  it("names a missing permission set at start", async () => {
    await expect(
      emulator({ schemaDir: folder.dir, permissionSets: ["Nope"] })
    ).rejects.toThrow(/permission set Nope: .*does not exist/)
  })
})

describe("multi-currency", () => {
  let sf: EmulatorHandle
  let conn: Connection

  beforeAll(async () => {
    sf = await emulator({
      multiCurrency: { activeCurrencies: ["EUR", "USD", "KWD"] },
    })
    conn = await clientCredentialsConnection(sf)
  })
  afterAll(() => sf.stop())

  it("describes CurrencyIsoCode on every object as a restricted picklist of the active currencies", async () => {
    for (const name of [
      "Medusa_Invoice__c",
      "Medusa_Invoice_Line__c",
      "Account",
    ]) {
      const describe = await conn.sobject(name).describe()
      expect(
        describe.fields.find((f) => f.name === "CurrencyIsoCode")
      ).toMatchObject({
        type: "picklist",
        restrictedPicklist: true,
        picklistValues: [
          expect.objectContaining({ value: "EUR", defaultValue: true }),
          expect.objectContaining({ value: "USD", defaultValue: false }),
          expect.objectContaining({ value: "KWD", defaultValue: false }),
        ],
      })
    }
  })

  it("defaults to the corporate currency and refuses inactive codes", async () => {
    const invoices = conn.sobject("Medusa_Invoice__c")
    const results = await invoices.upsert(
      [
        invoice(1),
        invoice(2, { CurrencyIsoCode: "KWD" }),
        invoice(3, { CurrencyIsoCode: "JPY" }),
      ],
      "Medusa_Id__c"
    )
    expect(results[2]).toEqual({
      success: false,
      created: false,
      errors: [
        {
          statusCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
          message: "Currency ISO Code: invalid currency code: JPY",
          fields: ["CurrencyIsoCode"],
        },
      ],
    })
    const rows = await conn.query<{
      Medusa_Id__c: string
      CurrencyIsoCode: string
    }>(
      "SELECT Medusa_Id__c, CurrencyIsoCode FROM Medusa_Invoice__c ORDER BY Medusa_Id__c"
    )
    expect(
      rows.records.map((r) => [r.Medusa_Id__c, r.CurrencyIsoCode])
    ).toEqual([
      ["inv_1", "EUR"],
      ["inv_2", "KWD"],
    ])
  })

  it("has no CurrencyIsoCode in a single-currency org", async () => {
    const single = await emulator()
    try {
      const c = await clientCredentialsConnection(single)
      const error = await rejection(
        c
          .sobject("Medusa_Invoice__c")
          .create(invoice(1, { CurrencyIsoCode: "EUR" }))
      )
      expect(error.errorCode).toBe("INVALID_FIELD")
      const describe = await c.sobject("Medusa_Invoice__c").describe()
      expect(describe.fields.map((f) => f.name)).not.toContain(
        "CurrencyIsoCode"
      )
    } finally {
      await single.stop()
    }
  })
})
