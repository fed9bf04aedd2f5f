// Secrets never leave the Salesforce edge: every message that may reach a log, the admin or the sync log passes
// through redactSecrets first.

// Values that look like credentials wherever they appear: query or form parameters, bearer headers, Salesforce
// session ids (<15-18 char org id>!<opaque>) and PEM blocks.
const SECRET_PATTERNS: [RegExp, string][] = [
  [
    /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g,
    "[redacted key]",
  ],
  [
    /\b((?:access_token|refresh_token|oauth_token|client_secret|password|assertion|code)=)[^&\s"']+/gi,
    "$1[redacted]",
  ],
  [/(Bearer|OAuth)\s+[^\s"',]+/g, "$1 [redacted]"],
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, "[redacted token]"],
]

/** The text with every given secret and anything credential-shaped replaced. */
export function redactSecrets(
  text: string,
  secrets: (string | undefined | null)[] = []
): string {
  let result = text
  // Longest first, so a secret containing another is removed whole.
  const known = secrets
    .filter((s): s is string => typeof s === "string" && s.length >= 4)
    .sort((a, b) => b.length - a.length)
  for (const secret of known) {
    result = result.split(secret).join("[redacted]")
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    result = result.replace(pattern, replacement)
  }
  return result
}
