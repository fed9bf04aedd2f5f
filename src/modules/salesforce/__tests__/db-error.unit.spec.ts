import { databaseErrorReason, MAX_DB_REASON_CHARS } from "../db-error"

describe("databaseErrorReason", () => {
  it("keeps PostgreSQL's reason and code, without the statement or the values it quotes", () => {
    const error = Object.assign(
      new Error(
        `INSERT INTO msi_sync_attempt SELECT * FROM jsonb_to_recordset($1::jsonb) - invalid input syntax for type integer: "Jane Doe, 1 Main St"`
      ),
      { code: "22P02" }
    )
    expect(databaseErrorReason(error)).toBe(
      "invalid input syntax for type integer: … (22P02)"
    )
  })

  it("cuts a long reason", () => {
    const reason = databaseErrorReason(new Error("x ".repeat(500)))
    expect(reason.length).toBeLessThanOrEqual(MAX_DB_REASON_CHARS + 1)
  })
})
