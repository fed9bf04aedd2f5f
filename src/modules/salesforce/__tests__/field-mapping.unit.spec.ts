import { startEmulator } from "salesforce-emulator"
import { SalesforceClient } from "../lib/client"
import { SalesforceApiError } from "../lib/errors"
import {
  applyFieldMapping,
  DescribedField,
  fieldMappingProblems,
  INVOICE_FIELD_KINDS,
  mappingDescribeProblems,
  resolveFieldMapping,
} from "../field-mapping"
import { invoiceToRecords, SyncableInvoice } from "../mapping"

const invoice: SyncableInvoice = {
  id: "inv_2",
  number: "CN-000002",
  type: "credit_note",
  order_id: "order_1",
  order_display_id: 12,
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
  original_invoice_id: "inv_1",
  lines: [
    {
      id: "invl_1",
      title: "Mug",
      sku: "MUG",
      quantity: 1,
      unit_price: 10,
      discount_total: 0,
      tax_total: 0,
      total: 10,
    },
  ],
}
const records = invoiceToRecords(invoice, {
  customer: { kind: "external", customerKey: "cus_1" },
  syncNotes: true,
})

describe("field mapping", () => {
  it("leaves the records as they are with the default mapping (the shipped metadata)", () => {
    const mapped = applyFieldMapping(records, invoice, resolveFieldMapping())
    expect(mapped).toEqual({
      ...records,
      invoiceObject: "Medusa_Invoice__c",
      lineObject: "Medusa_Invoice_Line__c",
    })
  })

  it("sends to the merchant's own objects with renamed, dropped and extra fields", () => {
    const mapping = resolveFieldMapping({
      invoice: {
        object: "Invoice__c",
        fields: {
          Medusa_Id__c: "External_Key__c",
          Total__c: "Amount__c",
          Notes__c: null,
          Original_Invoice__c: "Corrects__c",
        },
        extra: { Order_Display__c: "order_display_id", Issued__c: "issued_at" },
      },
      line: {
        object: "Invoice_Item__c",
        fields: { Invoice__c: "Parent_Invoice__c", SKU__c: null },
      },
    })
    const mapped = applyFieldMapping(records, invoice, mapping)
    expect(mapped.invoiceObject).toBe("Invoice__c")
    expect(mapped.lineObject).toBe("Invoice_Item__c")
    expect(mapped.invoice).toEqual(
      expect.objectContaining({
        External_Key__c: "inv_2",
        Amount__c: 10,
        Order_Display__c: 12,
        Issued__c: "2026-03-04",
        // A reference to an invoice is keyed by the invoice's mapped external ID.
        Corrects__r: { External_Key__c: "inv_1" },
        Contact__r: { Medusa_Customer_Id__c: "cus_1" },
      })
    )
    expect(mapped.invoice).not.toHaveProperty("Notes__c")
    expect(mapped.invoice).not.toHaveProperty("Total__c")
    expect(mapped.lines[0]).toEqual(
      expect.objectContaining({
        Medusa_Id__c: "invl_1",
        Parent_Invoice__r: { External_Key__c: "inv_2" },
      })
    )
    expect(mapped.lines[0]).not.toHaveProperty("SKU__c")
  })

  it("names every problem of the option's shape", () => {
    expect(fieldMappingProblems(undefined)).toEqual([])
    expect(
      fieldMappingProblems({
        invoice: {
          object: "Bad Name",
          fields: {
            Medusa_Id__c: null,
            Totals__c: "X__c",
            Total__c: "Subtotal__c",
          },
          extra: { Channel__c: "sales_channel" },
        },
        lines: {},
      })
    ).toEqual([
      "fieldMapping.lines is not an option (invoice or line)",
      "fieldMapping.invoice.object must be an sObject API name",
      "fieldMapping.invoice.fields.Medusa_Id__c cannot be left out: every upsert is keyed by it",
      expect.stringMatching(
        /^fieldMapping\.invoice\.fields\.Totals__c is not one of our fields/
      ),
      "fieldMapping.invoice: fields.Total__c and fields.Subtotal__c both map to Subtotal__c",
      expect.stringMatching(
        /^fieldMapping\.invoice\.extra\.Channel__c must name an invoice field/
      ),
    ])
  })

  it("checks the mapping against the org's describe: missing, not writable, wrong type", () => {
    const mapping = resolveFieldMapping({
      invoice: {
        object: "Invoice__c",
        fields: { Total__c: "Amount__c" },
        extra: { Channel__c: "order_id" },
      },
    })
    const writable = (name: string, type = "string"): DescribedField => ({
      name,
      type,
      createable: true,
      updateable: true,
    })
    // The org has our fields with their shipped types, except the date, and Amount__c as text.
    const SHIPPED_TYPES = {
      text: "string",
      email: "email",
      number: "double",
      date: "date",
      reference: "reference",
    } as const
    const invoiceFields = Object.entries(INVOICE_FIELD_KINDS)
      .filter(([f]) => f !== "Total__c" && f !== "Invoice_Date__c")
      .map(([f, kind]) => writable(f, SHIPPED_TYPES[kind]))
    const problems = mappingDescribeProblems(mapping, {
      Invoice__c: [
        ...invoiceFields,
        writable("Amount__c", "string"),
        { ...writable("Channel__c"), createable: false, updateable: false },
      ],
    })
    expect(problems).toEqual([
      "Invoice__c.Amount__c (mapped from our Total__c) is a string field; it needs to hold a number (double, currency, percent, int)",
      "Invoice__c.Invoice_Date__c (mapped from our Invoice_Date__c) does not exist",
      "Invoice__c.Channel__c (mapped from invoice order_id) is not writable by the integration user: grant Edit access in its permission set",
      "Medusa_Invoice_Line__c does not exist in Salesforce (or the integration user cannot see it)",
    ])
  })
})

describe("field mapping against the org's describe (emulator, loaded from salesforce/)", () => {
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"])
    delete process.env[name]

  it("accepts the shipped mapping, names what a custom one gets wrong, and NOT_FOUND for an unknown object", async () => {
    const emu = await startEmulator({ port: 0 })
    try {
      const client = new SalesforceClient({
        loginUrl: emu.url,
        authFlow: "client_credentials",
        clientId: emu.clientId,
        clientSecret: emu.clientSecret,
      })
      const describe = {
        Medusa_Invoice__c: await client.describeFields("Medusa_Invoice__c"),
        Medusa_Invoice_Line__c: await client.describeFields(
          "Medusa_Invoice_Line__c"
        ),
      }
      expect(mappingDescribeProblems(resolveFieldMapping(), describe)).toEqual(
        []
      )
      const custom = resolveFieldMapping({
        invoice: {
          fields: {
            Total__c: "Order_Number__c",
            Status__c: "Sales_Channel__c",
          },
          extra: { CreatedDate: "issued_at" },
        },
      })
      expect(mappingDescribeProblems(custom, describe)).toEqual([
        expect.stringMatching(
          /^Medusa_Invoice__c\.Order_Number__c \(mapped from our Total__c\) is a string field; it needs to hold a number/
        ),
        "Medusa_Invoice__c.Sales_Channel__c (mapped from our Status__c) does not exist",
        expect.stringMatching(
          /^Medusa_Invoice__c\.CreatedDate \(mapped from invoice issued_at\) is not writable/
        ),
      ])
      const unknown = await client.describeFields("Invoice__c").catch((e) => e)
      expect(unknown).toBeInstanceOf(SalesforceApiError)
      expect(["NOT_FOUND", "INVALID_TYPE"]).toContain(unknown.errorCode)
    } finally {
      await emu.stop()
    }
  })
})
