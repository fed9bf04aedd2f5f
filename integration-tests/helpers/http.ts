/** The error response of a request that must fail (axios rejects on 4xx); a success fails the test. */
export function expectFailure(
  request: Promise<unknown>
): Promise<{ status: number; data: { message: string } }> {
  return request.then(
    () => {
      throw new Error("the request was expected to fail")
    },
    (e) => e.response
  )
}

/**
 * Polls until `fn` returns something other than undefined: subscribers run after the event bus releases a
 * workflow's events, so their effects show up a moment later.
 */
export async function eventually<T>(
  fn: () => Promise<T | undefined>,
  timeoutMs = 10_000
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await fn()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error("condition not met in time")
    await new Promise((r) => setTimeout(r, 100))
  }
}
