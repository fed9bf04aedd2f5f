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
