import {
  foldOrderNumbers,
  orderSyncStatus,
  parseOrderNumber,
  planOrderSync,
} from "../utils/order-sync-plan"

describe("order numbers", () => {
  it("reads #12, 12 and padded numbers as one order and rejects anything else", () => {
    expect(parseOrderNumber(" #12 ")).toBe(12)
    expect(parseOrderNumber("0012")).toBe(12)
    expect(parseOrderNumber("12a")).toBeNull()
    expect(parseOrderNumber("ORD-12")).toBeNull()
    expect(foldOrderNumbers(["12", "#12", " 13", "abc", "ABC", "12 "])).toEqual(
      ["12", "13", "abc"]
    )
  })
})

describe("planOrderSync", () => {
  const documents = [
    {
      id: "inv_a",
      number: "INV-1",
      order_display_id: 1,
      sync_status: "synced",
    },
    { id: "inv_b", number: "INV-2", order_display_id: 2, sync_status: null },
    { id: "cn_b", number: "INV-3", order_display_id: 2, sync_status: "synced" },
    {
      id: "inv_c",
      number: "INV-4",
      order_display_id: 3,
      sync_status: "outdated",
    },
  ]
  const plans = planOrderSync(
    ["1", "2", "#3", "4", "nope", "5"],
    new Set([1, 2, 3, 5]),
    documents
  )

  it("sends only what Salesforce does not have as it is now", () => {
    expect(plans.map((p) => [p.order_number, p.to_send])).toEqual([
      ["1", []],
      ["2", ["inv_b"]],
      ["#3", ["inv_c"]],
      ["4", []],
      ["nope", []],
      ["5", []],
    ])
  })

  it("answers per order number", () => {
    const sent = new Map([
      [
        "inv_b",
        { invoice_id: "inv_b", status: "synced" as const, error_message: null },
      ],
      [
        "inv_c",
        {
          invoice_id: "inv_c",
          status: "failed" as const,
          error_message: "Salesforce is busy",
        },
      ],
    ])
    expect(plans.map((p) => orderSyncStatus(p, sent))).toEqual([
      {
        status: "already_synced",
        message: "Already in Salesforce; not sent again",
      },
      { status: "synced", message: "1 document(s) synced" },
      { status: "failed", message: "Salesforce is busy" },
      { status: "not_found", message: "Record not found" },
      { status: "not_found", message: "Record not found" },
      {
        status: "failed",
        message: "Order #5 has no invoice yet: create it from the order page",
      },
    ])
  })
})
