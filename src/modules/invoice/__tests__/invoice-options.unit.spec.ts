import InvoiceModuleService from "../service"

// The numbering and dating options, without a database: a module-runner file of its own would share its jest
// process with the other module tests, which Medusa's runners do not support.
const service = (invoices: Record<string, unknown>) =>
  new InvoiceModuleService({}, { invoices })

describe("invoice module options", () => {
  it("numbers with the configured prefixes and padding", () => {
    const s = service({
      numberPrefix: "RE-",
      creditNotePrefix: "GS-",
      numberDigits: 4,
    })
    expect([
      s.formatNumber("invoice", 7),
      s.formatNumber("credit_note", 12),
    ]).toEqual(["RE-0007", "GS-0012"])
    const defaults = service({})
    expect([
      defaults.formatNumber("invoice", 1),
      defaults.formatNumber("credit_note", 1),
    ]).toEqual(["INV-000001", "CN-000001"])
  })

  it("dates documents in the configured time zone, UTC by default", () => {
    // 22:30 UTC on 30 June is already 1 July in Berlin (UTC+2 in summer).
    const instant = new Date("2026-06-30T22:30:00Z")
    expect(service({ timeZone: "Europe/Berlin" }).issueDateOf(instant)).toBe(
      "2026-07-01"
    )
    expect(service({}).issueDateOf(instant)).toBe("2026-06-30")
  })
})
