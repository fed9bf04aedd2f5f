import { assertTimeZone, calendarDate } from "../issue-date"

describe("calendarDate", () => {
  it("dates an instant just after midnight in Berlin with Berlin's date, not UTC's", () => {
    // 23:30 UTC on 31 December is 00:30 on 1 January in Berlin (UTC+1).
    const instant = new Date("2026-12-31T23:30:00Z")
    expect(calendarDate(instant, "Europe/Berlin")).toBe("2027-01-01")
    expect(calendarDate(instant, "UTC")).toBe("2026-12-31")
    // And the other way round: 01:00 UTC is still the previous evening in New York.
    expect(
      calendarDate(new Date("2026-03-01T01:00:00Z"), "America/New_York")
    ).toBe("2026-02-28")
  })

  it("rejects a time zone that does not exist, naming the option", () => {
    expect(() => assertTimeZone("Mars/Olympus")).toThrow(/timeZone.*Mars/)
    expect(() => assertTimeZone("Asia/Tokyo")).not.toThrow()
  })
})
