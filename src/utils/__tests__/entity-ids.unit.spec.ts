import { generateEntityId } from "@medusajs/framework/utils"
import { entityIds } from "../entity-ids"

describe("entityIds", () => {
  it("makes ids of generateEntityId's shape, with its time part", () => {
    const now = Date.now()
    const [id] = entityIds("satt", 1, now)
    const medusa = generateEntityId(undefined, "satt")
    expect(id).toMatch(/^satt_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(id).toHaveLength(medusa.length)
    // The same millisecond encodes the same 10 time characters as Medusa's (ulid's) encoding.
    const [again] = entityIds("satt", 1, now)
    expect(again.slice(0, 15)).toBe(id.slice(0, 15))
    expect(entityIds("x", 1, 0)[0].slice(0, 12)).toBe("x_0000000000")
    expect(entityIds("x", 1, 1_700_000_000_000)[0].slice(2, 12)).toBe(
      "01HF7YAT00"
    )
  })

  it("draws every id's random part apart", () => {
    const ids = entityIds("isync", 20_000)
    expect(new Set(ids).size).toBe(20_000)
    // Every random character position takes all 32 values over many ids.
    for (const at of [16, 23, 24, 31]) {
      expect(new Set(ids.map((id) => id[at])).size).toBe(32)
    }
  })
})
