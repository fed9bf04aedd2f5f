import { planBatch } from "../batch-plan"
import {
  BULK_UNPROCESSED,
  bulkAnswers,
  csvCell,
  csvValue,
  parseBulkError,
  parseCsv,
  stepToCsv,
} from "../bulk-csv"
import type { SyncableInvoice } from "../mapping"

const doc = (
  id: string,
  extra: Partial<SyncableInvoice> = {}
): SyncableInvoice => ({
  id,
  number: `INV-${id}`,
  type: "invoice",
  order_id: `order_${id}`,
  order_display_id: 7,
  customer_id: "cus_1",
  customer_email: "grace@example.com",
  customer_name: "Grace Hopper",
  currency_code: "eur",
  subtotal: 10,
  discount_total: 0,
  shipping_total: 0,
  tax_total: 0,
  total: 10,
  issued_at: "2026-03-04T10:00:00Z",
  lines: [
    {
      id: `${id}_l1`,
      title: 'Mug, "large"\nblue',
      quantity: 2,
      unit_price: 5,
      discount_total: 0,
      tax_total: 0,
      total: 10,
    },
  ],
  ...extra,
})

const stepsOf = (invoices: SyncableInvoice[]) =>
  planBatch({
    invoices,
    contacts: new Map([
      [
        "known@example.com",
        { contactId: "003000000000001AAA", accountId: null },
      ],
    ]),
    syncNotes: false,
    previousLineIds: new Map(),
  }).steps

describe("stepToCsv", () => {
  it("writes each step of the plan with its parents as external-ID columns", () => {
    const steps = stepsOf([doc("inv1")])
    const byName = new Map(steps.map((s) => [s.name, parseCsv(stepToCsv(s))]))
    expect(byName.get("contact")).toEqual([
      expect.objectContaining({
        Medusa_Customer_Id__c: "cus_1",
        "Account.Medusa_Customer_Id__c": "cus_1",
        LastName: "Hopper",
        Email: "grace@example.com",
      }),
    ])
    expect(byName.get("invoice")).toEqual([
      expect.objectContaining({
        Medusa_Id__c: "inv1",
        Name: "INV-inv1",
        "Contact__r.Medusa_Customer_Id__c": "cus_1",
        "Account__r.Medusa_Customer_Id__c": "cus_1",
        Total__c: "10",
        Invoice_Date__c: "2026-03-04",
      }),
    ])
    expect(byName.get("line")).toEqual([
      expect.objectContaining({
        Medusa_Id__c: "inv1_l1",
        "Invoice__r.Medusa_Id__c": "inv1",
        Product_Title__c: 'Mug, "large"\nblue',
        Quantity__c: "2",
      }),
    ])
  })

  it("quotes what needs quoting, clears nulls with #N/A and leaves fields a record does not set blank", () => {
    const csv = stepToCsv({
      records: [
        {
          key: "a",
          document_ids: ["a"],
          requires: [],
          fields: { Medusa_Id__c: "a", Name: "x,y", Notes__c: null },
        },
        {
          key: "b",
          document_ids: ["b"],
          requires: [],
          fields: { Medusa_Id__c: "b", Contact__c: "003xx", Name: ' say "hi"' },
        },
      ],
    })
    expect(csv).toBe(
      [
        "Medusa_Id__c,Name,Notes__c,Contact__c",
        'a,"x,y",#N/A,',
        'b," say ""hi""",,003xx',
        "",
      ].join("\n")
    )
  })

  it("reads back every value it wrote, whatever the characters", () => {
    const values = [
      "plain",
      "com,ma",
      'qu"ote',
      "line\nbreak",
      "crlf\r\nbreak",
      " edge ",
      "ü € 日本",
    ]
    const csv = stepToCsv({
      records: values.map((v, i) => ({
        key: String(i),
        document_ids: [],
        requires: [],
        fields: { Medusa_Id__c: String(i), Name: v },
      })),
    })
    expect(parseCsv(csv).map((r) => r.Name)).toEqual(values)
    // Salesforce's own results quote every cell and may end lines with CRLF.
    expect(
      parseCsv('"sf__Id","sf__Created","Name"\r\n"a01","true","x, ""y"""\r\n')
    ).toEqual([{ sf__Id: "a01", sf__Created: "true", Name: 'x, "y"' }])
    expect(parseCsv("")).toEqual([])
    expect(parseCsv('"sf__Id","sf__Error"\n')).toEqual([])
  })

  it("spells values as Bulk reads them", () => {
    expect(csvValue(undefined)).toBe("")
    expect(csvValue(null)).toBe("#N/A")
    expect(csvValue("")).toBe("#N/A")
    expect(csvValue(true)).toBe("true")
    expect(csvValue(12.5)).toBe("12.5")
    expect(csvValue(new Date("2026-03-04T10:00:00Z"))).toBe(
      "2026-03-04T10:00:00.000Z"
    )
    expect(csvCell("a\rb")).toBe('"a\rb"')
  })
})

describe("parseBulkError", () => {
  it("splits Salesforce's CODE:message:fields -- into the error a collections call carries", () => {
    expect(
      parseBulkError(
        "REQUIRED_FIELD_MISSING:Required fields are missing: [Customer_Email__c]:Customer_Email__c --"
      )
    ).toEqual({
      statusCode: "REQUIRED_FIELD_MISSING",
      message: "Required fields are missing: [Customer_Email__c]",
      fields: ["Customer_Email__c"],
    })
    expect(
      parseBulkError(
        "INVALID_FIELD:Foreign key external ID: inv_9 not found for field Medusa_Id__c in entity Medusa_Invoice__c:--"
      )
    ).toEqual({
      statusCode: "INVALID_FIELD",
      message:
        "Foreign key external ID: inv_9 not found for field Medusa_Id__c in entity Medusa_Invoice__c",
      fields: [],
    })
    expect(parseBulkError("something odd")).toEqual({
      statusCode: "UNKNOWN_ERROR",
      message: "something odd",
      fields: [],
    })
  })
})

describe("bulkAnswers", () => {
  const step = {
    externalIdField: "Medusa_Id__c",
    records: ["a", "b", "c"].map((key) => ({
      key,
      document_ids: [key],
      requires: [],
      fields: { Medusa_Id__c: key },
    })),
  }

  it("answers each record by its external ID, in any order the results come", () => {
    const answers = bulkAnswers(step, {
      successful: [
        { sf__Id: "a02", sf__Created: "false", Medusa_Id__c: "c" },
        { sf__Id: "a01", sf__Created: "true", Medusa_Id__c: "a" },
      ],
      failed: [
        {
          sf__Id: "",
          sf__Error: "STRING_TOO_LONG:Name: data value too large:Name --",
          Medusa_Id__c: "b",
        },
      ],
    })
    expect([...answers.entries()]).toEqual([
      ["a", { id: "a01", success: true, created: true, errors: [] }],
      [
        "b",
        {
          success: false,
          errors: [
            {
              statusCode: "STRING_TOO_LONG",
              message: "Name: data value too large",
              fields: ["Name"],
            },
          ],
        },
      ],
      ["c", { id: "a02", success: true, created: false, errors: [] }],
    ])
  })

  it("fails the records a failed job did not process with the job's error", () => {
    const answers = bulkAnswers(step, {
      successful: [{ sf__Id: "a01", sf__Created: "true", Medusa_Id__c: "a" }],
      failed: [],
      jobError: "InvalidBatch : Field name not found : Foo__c",
    })
    expect(answers.get("a")?.success).toBe(true)
    for (const key of ["b", "c"]) {
      expect(answers.get(key)).toEqual({
        success: false,
        errors: [
          {
            statusCode: BULK_UNPROCESSED,
            message:
              "Salesforce did not process the record: InvalidBatch : Field name not found : Foo__c",
            fields: [],
          },
        ],
      })
    }
  })
})
