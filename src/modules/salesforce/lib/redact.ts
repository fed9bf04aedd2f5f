// Secrets never leave the Salesforce edge: every message that may reach a log, the admin or the sync log passes
// through redactSecrets first, and every object that is stored or shown (an attempt's detail) through
// redactValues before it is serialised. Patterns apply to values, never to serialised text: a replacement inside
// JSON text could cut a string's closing quote and leave text that is no longer JSON.

const SECRET_NAMES =
  "access_token|refresh_token|id_token|oauth_token|client_secret|password|assertion|session_?id|sid"

// Values that look like credentials wherever they appear: query, form, JSON and colon forms of credential
// parameters, bearer headers, Salesforce session ids (<15-18 char org id>!<opaque>, also URL-encoded), bare JWTs
// and PEM blocks.
const SECRET_PATTERNS: [RegExp, string][] = [
  [
    /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/gi,
    "[redacted key]",
  ],
  // `password=x`, `"access_token":"x"`, `client_secret: x`, `'sid' => x` (the name, its quotes, the separator kept).
  [
    new RegExp(
      `((?:^|[^A-Za-z0-9_])["']?(?:${SECRET_NAMES})["']?\\s*(?:=>?|:)\\s*["']?)[^&\\s"',;}]+`,
      "gi"
    ),
    "$1[redacted]",
  ],
  // An OAuth authorization code is a secret only as the redirect's parameter.
  [/(\bcode=)[^&\s"']+/gi, "$1[redacted]"],
  [/\b(bearer)\s+[^\s"',]+/gi, "$1 [redacted]"],
  // `OAuth <token>` (Salesforce's older header); "OAuth 2.0" and the like are words, not tokens.
  [/\b(OAuth)\s+[^\s"',]{16,}/g, "$1 [redacted]"],
  [/\b00D[A-Za-z0-9]{12,15}(?:!|%21)[A-Za-z0-9._%-]+/gi, "[redacted token]"],
  // A JWT: base64url of `{"...` (eyJ), a payload, and a signature (empty when unsigned).
  [
    /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
    "[redacted token]",
  ],
]

/** Object keys whose value is a secret whatever it looks like. */
const SECRET_KEY = new RegExp(
  `^(?:${SECRET_NAMES}|authorization|private_?key|client_?secret|token)$`,
  "i"
)

/** The secrets to remove by value, each also as it appears URL-encoded, longest first. */
function knownValues(secrets: (string | undefined | null)[]): string[] {
  const values = secrets
    .filter((s): s is string => typeof s === "string" && s.length >= 4)
    .flatMap((s) => [s, encodeURIComponent(s)])
  // Longest first, so a secret containing another is removed whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length)
}

/** The text with every given secret and anything credential-shaped replaced. */
export function redactSecrets(
  text: string,
  secrets: (string | undefined | null)[] = []
): string {
  let result = text
  for (const secret of knownValues(secrets)) {
    result = result.split(secret).join("[redacted]")
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    result = result.replace(pattern, replacement)
  }
  return result
}

/**
 * A copy of `value` (plain objects, arrays, strings, numbers...) with every string passed through `redact`
 * (redactSecrets by default; a client's redact also removes its own secrets) and the value of every key that names a
 * credential replaced whole. For what is serialised afterwards: each string stays a string, so the JSON made from
 * the copy is valid whatever the text was.
 */
export function redactValues<T>(
  value: T,
  redact: (text: string) => string = (text) => redactSecrets(text)
): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === "object" && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v).map(([k, inner]) => [
          k,
          SECRET_KEY.test(k) && typeof inner === "string"
            ? "[redacted]"
            : walk(inner),
        ])
      )
    }
    return v
  }
  // Only strings are replaced, by strings: the copy has the type of the original.
  return walk(value) as T
}

/**
 * Salesforce's longest session timeout (Setup > Session Settings allows up to 24 hours): an access token issued
 * longer ago than this is no longer valid, so it no longer needs removing from text.
 */
export const MAX_SESSION_MS = 24 * 60 * 60 * 1000

/**
 * The access tokens a process obtained that may still be valid: every one of the last MAX_SESSION_MS, not only the
 * latest (a token replaced by a refresh stays valid in Salesforce until its session times out, and can still turn
 * up in an error or a late answer).
 */
export class KnownTokens {
  private readonly tokens: { value: string; at: number }[] = []

  constructor(private readonly now: () => number = Date.now) {}

  add(value: string): void {
    // Issued again (Salesforce answers the same token while its session lasts): valid from now on.
    const known = this.tokens.findIndex((t) => t.value === value)
    if (known >= 0) this.tokens.splice(known, 1)
    this.tokens.push({ value, at: this.now() })
    this.forgetExpired()
  }

  values(): string[] {
    this.forgetExpired()
    return this.tokens.map((t) => t.value)
  }

  private forgetExpired(): void {
    const oldest = this.now() - MAX_SESSION_MS
    while (this.tokens.length && this.tokens[0].at < oldest) {
      this.tokens.shift()
    }
  }
}
