import {
  customerKeyOf,
  customerToRecords,
  formatNotes,
  invoiceToRecords,
  SyncableInvoice,
  toMoney,
} from "../mapping"

const invoice: SyncableInvoice = {
  id: "inv_1",
  number: "INV-000007",
  type: "invoice",
  order_id: "order_1",
  order_display_id: 12,
  customer_id: "cus_1",
  customer_email: "grace@example.com",
  customer_name: "Grace Hopper",
  currency_code: "eur",
  subtotal: "25.25",
  discount_total: 0,
  shipping_total: 5,
  tax_total: "1.005",
  total: "31.255",
  issued_at: "2026-03-04T23:30:00Z",
  lines: [
    {
      id: "invl_1",
      title: "Mug",
      sku: "MUG",
      quantity: 2,
      unit_price: 10.5,
      discount_total: 0,
      tax_total: 0,
      total: 21,
    },
  ],
  comments: [
    {
      id: "c2",
      text: "second",
      author_name: "Bob",
      created_at: "2026-03-05T10:00:00Z",
    },
    {
      id: "c1",
      text: "first",
      author_name: "Ada",
      created_at: "2026-03-05T09:00:00Z",
    },
  ],
}

describe("invoiceToRecords", () => {
  it("keys the invoice and each line by their Medusa ids, the line pointing at its invoice", () => {
    const { invoice: record, lines } = invoiceToRecords(invoice, {
      customer: { kind: "none" },
      syncNotes: false,
    })
    expect(record).toEqual({
      Medusa_Id__c: "inv_1",
      Name: "INV-000007",
      Document_Type__c: "Invoice",
      Order_Number__c: "12",
      Medusa_Order_Id__c: "order_1",
      Customer_Email__c: "grace@example.com",
      Currency__c: "EUR",
      Subtotal__c: 25.25,
      Discount_Total__c: 0,
      Shipping_Total__c: 5,
      Subtotal_Gross__c: 26.26,
      Discount_Gross__c: 0,
      Shipping_Gross__c: 5,
      Tax_Total__c: 1.01,
      Total__c: 31.26,
      Status__c: "Issued",
      Invoice_Date__c: "2026-03-04",
      Tax_Breakdown__c: null,
    })
    expect(lines).toEqual([
      {
        Medusa_Id__c: "invl_1",
        Invoice__r: { Medusa_Id__c: "inv_1" },
        Product_Title__c: "Mug",
        SKU__c: "MUG",
        Quantity__c: 2,
        Unit_Price__c: 10.5,
        Subtotal__c: 21,
        Discount__c: 0,
        Unit_Price_Gross__c: 10.5,
        Subtotal_Gross__c: 21,
        Discount_Gross__c: 0,
        Tax_Rate__c: 0,
        Tax__c: 0,
        Total__c: 21,
      },
    ])
  })

  it("sends a KWD invoice to the fils, the store's issue date, and the tax per rate and line", () => {
    const { invoice: record, lines } = invoiceToRecords(
      {
        ...invoice,
        currency_code: "kwd",
        total: "31.2555",
        tax_total: "1.0054",
        issue_date: "2026-03-05",
        tax_breakdown: [
          { rate: "5", taxable_base: "20.108", tax_amount: "1.005" },
        ],
        lines: [
          {
            ...invoice.lines![0],
            unit_price: "10.5125",
            tax_rate: "5",
            total: "21.0255",
          },
        ],
      },
      { customer: { kind: "none" }, syncNotes: false }
    )
    expect(record).toEqual(
      expect.objectContaining({
        Currency__c: "KWD",
        Total__c: 31.256,
        Tax_Total__c: 1.005,
        Invoice_Date__c: "2026-03-05",
        Tax_Breakdown__c: "5 %: 20.108 + 1.005 tax",
      })
    )
    expect(lines[0]).toEqual(
      expect.objectContaining({ Unit_Price__c: 10.513, Tax_Rate__c: 5 })
    )
  })

  it("sends the notes only when notes sync is on, oldest comment first", () => {
    const off = invoiceToRecords(invoice, {
      customer: { kind: "none" },
      syncNotes: false,
    })
    expect(off.invoice).not.toHaveProperty("Notes__c")
    const on = invoiceToRecords(invoice, {
      customer: { kind: "none" },
      syncNotes: true,
    })
    expect(on.invoice.Notes__c).toBe(
      "2026-03-05 09:00 UTC, Ada:\nfirst\n\n2026-03-05 10:00 UTC, Bob:\nsecond"
    )
    const none = invoiceToRecords(
      { ...invoice, comments: [] },
      { customer: { kind: "none" }, syncNotes: true }
    )
    expect(none.invoice.Notes__c).toBeNull()
  })

  it("sends CurrencyIsoCode (upper case) on the records the org's describe shows it on, and only there", () => {
    const jpy = { ...invoice, currency_code: "jpy" }
    const single = invoiceToRecords(jpy, {
      customer: { kind: "none" },
      syncNotes: false,
    })
    expect(single.invoice).not.toHaveProperty("CurrencyIsoCode")
    expect(single.lines[0]).not.toHaveProperty("CurrencyIsoCode")
    const multi = invoiceToRecords(jpy, {
      customer: { kind: "none" },
      syncNotes: false,
      currencyIsoCode: { invoice: true, line: true },
    })
    expect(multi.invoice.CurrencyIsoCode).toBe("JPY")
    expect(multi.lines.map((l) => l.CurrencyIsoCode)).toEqual(
      jpy.lines!.map(() => "JPY")
    )
    const masterOnly = invoiceToRecords(jpy, {
      customer: { kind: "none" },
      syncNotes: false,
      currencyIsoCode: { invoice: true, line: false },
    })
    expect(masterOnly.invoice.CurrencyIsoCode).toBe("JPY")
    expect(masterOnly.lines[0]).not.toHaveProperty("CurrencyIsoCode")
  })

  it("points at an existing contact by id, or at ours by external id", () => {
    const found = invoiceToRecords(invoice, {
      customer: { kind: "contact", contactId: "003A", accountId: "001A" },
      syncNotes: false,
    })
    expect(found.invoice).toEqual(
      expect.objectContaining({ Contact__c: "003A", Account__c: "001A" })
    )
    const ours = invoiceToRecords(invoice, {
      customer: { kind: "external", customerKey: "cus_1" },
      syncNotes: false,
    })
    expect(ours.invoice).toEqual(
      expect.objectContaining({
        Contact__r: { Medusa_Customer_Id__c: "cus_1" },
        Account__r: { Medusa_Customer_Id__c: "cus_1" },
      })
    )
  })

  it("links a credit note to the invoice it corrects", () => {
    const { invoice: record } = invoiceToRecords(
      { ...invoice, type: "credit_note", original_invoice_id: "inv_0" },
      { customer: { kind: "none" }, syncNotes: false }
    )
    expect(record.Document_Type__c).toBe("Credit Note")
    expect(record.Original_Invoice__r).toEqual({ Medusa_Id__c: "inv_0" })
  })
})

describe("amounts on a stated basis", () => {
  // Demo order #32's invoice: tax-inclusive prices at 19 %, shipping 4.95 gross. Its Subtotal__c used to be net
  // and Shipping_Total__c gross, so Subtotal + Shipping + Tax was 103.04 against a Total of 102.25.
  const demo: SyncableInvoice = {
    ...invoice,
    subtotal: "81.76",
    discount_total: "9.73",
    shipping_total: "4.95",
    tax_total: "16.33",
    total: "102.25",
    lines: [
      {
        id: "l1",
        kind: "item",
        title: "Shirt",
        quantity: 2,
        unit_price: 48.65,
        tax_rate: 19,
        discount_total: "9.73",
        tax_total: "15.54",
        total: "97.30",
      },
      {
        id: "l2",
        kind: "shipping",
        title: "Standard shipping",
        quantity: 1,
        unit_price: 4.95,
        tax_rate: 19,
        discount_total: 0,
        tax_total: "0.79",
        total: "4.95",
      },
    ],
  }

  it("adds up to the total on the net fields and on the gross fields, document and lines", () => {
    const { invoice: r, lines } = invoiceToRecords(demo, {
      customer: { kind: "none" },
      syncNotes: false,
    })
    const cents = (v: unknown) => Math.round(Number(v) * 100)
    expect(r).toEqual(
      expect.objectContaining({
        Subtotal__c: 89.94,
        Discount_Total__c: 8.18,
        Shipping_Total__c: 4.16,
        Tax_Total__c: 16.33,
        Total__c: 102.25,
        Subtotal_Gross__c: 107.03,
        Discount_Gross__c: 9.73,
        Shipping_Gross__c: 4.95,
      })
    )
    expect(
      cents(r.Subtotal__c) -
        cents(r.Discount_Total__c) +
        cents(r.Shipping_Total__c) +
        cents(r.Tax_Total__c)
    ).toBe(cents(r.Total__c))
    expect(
      cents(r.Subtotal_Gross__c) -
        cents(r.Discount_Gross__c) +
        cents(r.Shipping_Gross__c)
    ).toBe(cents(r.Total__c))
    for (const l of lines) {
      expect(
        cents(l.Subtotal__c) - cents(l.Discount__c) + cents(l.Tax__c)
      ).toBe(cents(l.Total__c))
      expect(cents(l.Subtotal_Gross__c) - cents(l.Discount_Gross__c)).toBe(
        cents(l.Total__c)
      )
    }
    expect(lines[0]).toEqual(
      expect.objectContaining({
        Unit_Price__c: 44.97,
        Subtotal__c: 89.94,
        Discount__c: 8.18,
        Unit_Price_Gross__c: 53.52,
        Subtotal_Gross__c: 107.03,
        Discount_Gross__c: 9.73,
      })
    )
  })
})

describe("customers", () => {
  it("keys a guest by email and names our records after the customer", () => {
    expect(
      customerKeyOf({ customer_id: null, customer_email: "Guest@Example.com" })
    ).toBe("email:guest@example.com")
    expect(
      customerKeyOf({ customer_id: "cus_9", customer_email: "x@y.z" })
    ).toBe("cus_9")
    expect(
      customerKeyOf({ customer_id: null, customer_email: null })
    ).toBeNull()
    const { account, contact } = customerToRecords({
      key: "cus_9",
      email: "grace@example.com",
      name: "Grace Brewster Hopper",
    })
    expect(account).toEqual({
      Medusa_Customer_Id__c: "cus_9",
      Name: "Grace Brewster Hopper",
    })
    expect(contact).toEqual({
      Medusa_Customer_Id__c: "cus_9",
      FirstName: "Grace",
      LastName: "Brewster Hopper",
      Email: "grace@example.com",
      Account: { Medusa_Customer_Id__c: "cus_9" },
    })
    expect(
      customerToRecords({ key: "k", email: "solo@x.io", name: null }).contact
        .LastName
    ).toBe("solo@x.io")
  })
})

describe("helpers", () => {
  it("rounds money half away from zero to the currency's minor unit, without float drift", () => {
    expect(toMoney("1.005", "eur")).toBe(1.01)
    expect(toMoney(-2.675, "eur")).toBe(-2.68)
    expect(toMoney(null, "eur")).toBe(0)
    expect(toMoney("1980.5", "jpy")).toBe(1981)
    expect(toMoney("12.3456", "kwd")).toBe(12.346)
    expect(toMoney("0.0005", "bhd")).toBe(0.001)
  })
  it("formats notes deterministically so a resync sends the same text", () => {
    expect(formatNotes(invoice.comments!)).toBe(
      formatNotes([...invoice.comments!].reverse())
    )
  })
})
