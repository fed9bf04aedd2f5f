/** The store's admin HTTP API as the soak uses it: one login, JSON in and out, every call bounded in time. */
export type AdminApi = ReturnType<typeof adminApi>

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export function adminApi(base: string) {
  let token = ""

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 60_000
  ): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    if (!res.ok) {
      throw new HttpError(
        res.status,
        `${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`
      )
    }
    return (text ? JSON.parse(text) : {}) as T
  }

  return {
    async login(email: string, password: string) {
      const { token: t } = await call<{ token: string }>(
        "POST",
        "/auth/user/emailpass",
        { email, password }
      )
      token = t
    },
    get: <T>(path: string, timeoutMs?: number) =>
      call<T>("GET", path, undefined, timeoutMs),
    post: <T>(path: string, body: unknown, timeoutMs?: number) =>
      call<T>("POST", path, body, timeoutMs),
  }
}
