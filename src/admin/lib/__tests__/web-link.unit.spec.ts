import { webLink } from "../web-link"

describe("webLink", () => {
  it("keeps absolute http(s) URLs", () => {
    const record =
      "https://acme.my.salesforce.com/lightning/r/Medusa_Invoice__c/a00000000000001AAA/view"
    expect(webLink(record)).toBe(record)
    expect(webLink("http://127.0.0.1:4010/lightning/r/X/1/view")).toBe(
      "http://127.0.0.1:4010/lightning/r/X/1/view"
    )
  })

  it("drops other schemes, relative and missing URLs", () => {
    for (const url of [
      "javascript:alert(document.cookie)",
      " JavaScript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "//attacker.example/x",
      "/lightning/r/X/1/view",
      "",
      null,
      undefined,
    ]) {
      expect(webLink(url)).toBeNull()
    }
  })
})
