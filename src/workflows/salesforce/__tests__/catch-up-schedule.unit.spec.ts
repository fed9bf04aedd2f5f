import { isCatchUpDue } from "../utils/catch-up-schedule"

describe("isCatchUpDue", () => {
  const now = new Date("2026-05-01T12:00:00Z")
  it("is due when it never ran, or once the interval has passed", () => {
    expect(isCatchUpDue(null, 15, now)).toBe(true)
    expect(isCatchUpDue(new Date("2026-05-01T11:45:00Z"), 15, now)).toBe(true)
    expect(isCatchUpDue("2026-05-01T11:46:00Z", 15, now)).toBe(false)
    expect(isCatchUpDue(new Date("2026-05-01T11:59:30Z"), 1, now)).toBe(false)
  })
})
