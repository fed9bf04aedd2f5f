import {
  AttemptDetail,
  boundDetail,
  MAX_DETAIL_BYTES,
  TRUNCATION_MARKER,
} from "../attempt-detail"

const record = (i: number, notes = "x".repeat(900)) => ({
  object: "Medusa_Invoice_Line__c",
  endpoint:
    "PATCH /services/data/v62.0/composite/sobjects/Medusa_Invoice_Line__c/Medusa_Id__c",
  external_id_field: "Medusa_Id__c",
  external_id: `line_${i}`,
  fields: { Medusa_Id__c: `line_${i}`, Notes__c: notes },
  answer: { success: true, id: `a01${i}`, created: true, errors: [] },
  call: 0,
})

const detail = (records: AttemptDetail["records"]): AttemptDetail => ({
  calls: [{ endpoint: "POST /services/data/v62.0/composite", duration_ms: 12 }],
  records,
})

const bytes = (d: AttemptDetail) => Buffer.byteLength(JSON.stringify(d))

describe("an attempt's detail, bounded", () => {
  it("is kept whole when it fits", () => {
    const small = detail([record(1), record(2)])
    expect(boundDetail(small)).toBe(small)
  })

  it("cuts long text first, then leaves records out from the end, and says so", () => {
    const big = detail([
      record(0, "n".repeat(50_000)),
      ...Array.from({ length: 100 }, (_, i) => record(i + 1)),
    ])
    const bounded = boundDetail(big)
    expect(bytes(bounded)).toBeLessThanOrEqual(MAX_DETAIL_BYTES)
    expect(bounded.records[0].fields.Notes__c).toBe(
      `${"n".repeat(2000)}${TRUNCATION_MARKER}`
    )
    expect(bounded.truncated).toEqual({
      original_bytes: bytes(big),
      omitted_records: 101 - bounded.records.length,
    })
    expect(bounded.records.length).toBeGreaterThan(20)
    expect(bounded.records.map((r) => r.external_id)).toEqual(
      big.records.slice(0, bounded.records.length).map((r) => r.external_id)
    )
  })
})
