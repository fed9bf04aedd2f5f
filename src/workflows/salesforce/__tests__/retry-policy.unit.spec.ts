import { SalesforceApiError } from "../../../modules/salesforce/lib/errors"
import { toSalesforceApiError } from "../../../modules/salesforce/lib/errors"
import { backoffDelay, withRetry } from "../utils/retry-policy"

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 250 }
const noSleep = async () => {}

function failure(errorCode: string, message = errorCode): SalesforceApiError {
  return toSalesforceApiError(
    Object.assign(new Error(message), { errorCode, name: errorCode })
  )
}

describe("withRetry", () => {
  it("retries transient failures until one succeeds", async () => {
    let calls = 0
    const result = await withRetry(
      async () => {
        calls++
        if (calls < 3) throw failure("UNABLE_TO_LOCK_ROW")
        return "ok"
      },
      policy,
      noSleep
    )
    expect(result).toBe("ok")
    expect(calls).toBe(3)
  })

  it("stops after the allowed tries and surfaces the last error", async () => {
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw failure("SERVER_UNAVAILABLE")
        },
        policy,
        noSleep
      )
    ).rejects.toMatchObject({
      errorCode: "SERVER_UNAVAILABLE",
      kind: "transient",
    })
    expect(calls).toBe(3)
  })

  it("never retries data, configuration, auth or a spent daily limit", async () => {
    for (const [code, message] of [
      ["REQUIRED_FIELD_MISSING", "Required fields are missing"],
      ["INVALID_FIELD", "No such column"],
      ["INVALID_SESSION_ID", "Session expired or invalid"],
      ["REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."],
    ]) {
      let calls = 0
      await expect(
        withRetry(
          async () => {
            calls++
            throw failure(code, message)
          },
          policy,
          noSleep
        )
      ).rejects.toMatchObject({ errorCode: code })
      expect(calls).toBe(1)
    }
  })
})

describe("backoffDelay", () => {
  it("grows exponentially below a cap, with jitter", () => {
    expect(backoffDelay(2, policy, () => 0.999)).toBe(99)
    expect(backoffDelay(3, policy, () => 0.999)).toBe(199)
    expect(backoffDelay(4, policy, () => 0.999)).toBe(249)
    expect(backoffDelay(3, policy, () => 0)).toBe(0)
  })
})
