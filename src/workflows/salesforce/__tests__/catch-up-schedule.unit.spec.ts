import { isCatchUpDue } from "../utils/catch-up-schedule"

describe("isCatchUpDue", () => {
  const now = new Date("2026-05-01T12:00:00Z")
  it("is due once the interval has passed; a store that never ran it starts counting now", () => {
    expect(isCatchUpDue(null, 15, now)).toBe(false)
    expect(isCatchUpDue(new Date("2026-05-01T11:45:00Z"), 15, now)).toBe(true)
    expect(isCatchUpDue("2026-05-01T11:46:00Z", 15, now)).toBe(false)
    expect(isCatchUpDue(new Date("2026-05-01T11:59:30Z"), 1, now)).toBe(false)
  })
})
