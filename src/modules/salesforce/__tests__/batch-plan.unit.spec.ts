import {
  contactLookupQueries,
  contactsByEmail,
  customerEmails,
  planBatch,
  PlanInput,
} from "../batch-plan"
import type { SyncableInvoice } from "../mapping"

const doc = (
  id: string,
  extra: Partial<SyncableInvoice> = {}
): SyncableInvoice => ({
  id,
  number: `INV-${id}`,
  type: "invoice",
  order_id: `order_${id}`,
  order_display_id: 1,
  customer_id: "cus_1",
  customer_email: "Grace@Example.com",
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
      title: "Mug",
      quantity: 1,
      unit_price: 10,
      discount_total: 0,
      tax_total: 0,
      total: 10,
    },
  ],
  ...extra,
})

const plan = (
  invoices: SyncableInvoice[],
  options: Partial<Omit<PlanInput, "invoices">> = {}
) =>
  planBatch({
    invoices,
    contacts: new Map(),
    syncNotes: false,
    previousLineIds: new Map(),
    ...options,
  })

describe("planBatch", () => {
  it("orders the steps parents first: accounts, contacts, invoices, credit notes, lines", () => {
    const result = plan([
      doc("cn1", { type: "credit_note", original_invoice_id: "inv1" }),
      doc("inv1"),
    ])
    expect(
      result.steps.map((s) => [s.object, s.records.map((r) => r.key)])
    ).toEqual([
      ["Account", ["cus_1"]],
      ["Contact", ["cus_1"]],
      ["Medusa_Invoice__c", ["inv1"]],
      ["Medusa_Invoice__c", ["cn1"]],
      ["Medusa_Invoice_Line__c", ["cn1_l1", "inv1_l1"]],
    ])
    expect(result.steps.map((s) => s.externalIdField)).toEqual([
      "Medusa_Customer_Id__c",
      "Medusa_Customer_Id__c",
      "Medusa_Id__c",
      "Medusa_Id__c",
      "Medusa_Id__c",
    ])
  })

  it("plans one Account and Contact per customer, serving each of its documents", () => {
    const result = plan([doc("a"), doc("b")])
    const [accounts, contacts, invoices] = result.steps
    expect(accounts.records).toHaveLength(1)
    expect(accounts.records[0].document_ids).toEqual(["a", "b"])
    expect(contacts.records[0].requires).toEqual([
      { object: "Account", key: "cus_1" },
    ])
    expect(invoices.records[0].requires).toEqual([
      { object: "Account", key: "cus_1" },
      { object: "Contact", key: "cus_1" },
    ])
    expect(invoices.records[0].fields.Contact__r).toEqual({
      Medusa_Customer_Id__c: "cus_1",
    })
  })

  it("points at an existing Contact found by email (any case) and plans no customer records", () => {
    const result = plan([doc("a")], {
      contacts: new Map([
        ["grace@example.com", { contactId: "003X", accountId: "001X" }],
      ]),
    })
    expect(result.steps.map((s) => s.object)).toEqual([
      "Medusa_Invoice__c",
      "Medusa_Invoice_Line__c",
    ])
    expect(result.steps[0].records[0]).toEqual(
      expect.objectContaining({
        requires: [],
        fields: expect.objectContaining({
          Contact__c: "003X",
          Account__c: "001X",
        }),
      })
    )
  })

  it("makes each line require its invoice and deletes only the lines removed since the last sync", () => {
    const result = plan([doc("a")], {
      previousLineIds: new Map([["a", { a_l1: "a01L1", a_gone: "a01L2" }]]),
    })
    const lines = result.steps.find(
      (s) => s.object === "Medusa_Invoice_Line__c"
    )!
    expect(lines.records[0].requires).toEqual([
      { object: "Medusa_Invoice__c", key: "a" },
    ])
    expect(result.deletions).toEqual([
      { object: "Medusa_Invoice_Line__c", id: "a01L2", document_id: "a" },
    ])
    expect(result.documents).toEqual([
      {
        id: "a",
        record: { object: "Medusa_Invoice__c", key: "a" },
        line_keys: ["a_l1"],
      },
    ])
  })

  it("plans a document without customer data without customer records", () => {
    const result = plan([doc("a", { customer_id: null, customer_email: null })])
    expect(result.steps.map((s) => s.object)).toEqual([
      "Medusa_Invoice__c",
      "Medusa_Invoice_Line__c",
    ])
  })
})

describe("contact lookups", () => {
  it("asks for each customer email once, and reads the oldest contact per email", () => {
    const emails = customerEmails([doc("a"), doc("b")])
    expect(emails).toEqual(["grace@example.com"])
    expect(contactLookupQueries(emails)).toEqual([
      "SELECT Id, AccountId, Email FROM Contact WHERE Email IN ('grace@example.com') ORDER BY CreatedDate",
    ])
    expect(contactLookupQueries([])).toEqual([])
    expect(
      contactsByEmail([
        { Id: "003A", AccountId: null, Email: "GRACE@example.com" },
        { Id: "003B", AccountId: "001B", Email: "grace@example.com" },
      ])
    ).toEqual(
      new Map([["grace@example.com", { contactId: "003A", accountId: null }]])
    )
  })
})
