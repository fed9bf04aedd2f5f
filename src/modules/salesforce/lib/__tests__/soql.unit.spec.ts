import { soqlInLists } from "../soql"

describe("soqlInLists", () => {
  it("quotes and escapes each email for SOQL", () => {
    expect(soqlInLists(["a@x.io", "o'neil@x.io"])).toEqual([
      "'a@x.io', 'o\\'neil@x.io'",
    ])
  })

  it("splits long lists so each query's URL stays well under Salesforce's limit, losing none", () => {
    const emails = Array.from(
      { length: 200 },
      (_, i) => `${"customer.with.a.long.name".repeat(3)}${i}@example.com`
    )
    const chunks = soqlInLists(emails)
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) {
      expect(encodeURIComponent(chunk).length).toBeLessThanOrEqual(8000)
    }
    expect(chunks.join(", ").split(", ")).toHaveLength(200)
  })
})
