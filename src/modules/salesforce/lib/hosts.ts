// The HOSTS we send the access token to. Salesforce's answers name URLs (the token's instance_url and identity URL,
// a query page's nextRecordsUrl) and jsforce sends its bearer token to any absolute URL it is given, so an answer
// that named another host (a proxy, a compromised or spoofed endpoint) would hand it the session. Only Salesforce's
// own domains, the host the store configured as its login URL, or loopback (the emulator) are accepted.

import { SalesforceApiError } from "./errors"

/**
 * Salesforce's domains: My Domain (`*.my.salesforce.com`, `*.sandbox.my.salesforce.com`), login and test, the
 * instance hosts (`*.salesforce.com`), Lightning and Visualforce (`*.lightning.force.com`, `*.vf.force.com`),
 * Setup (`*.salesforce-setup.com`), the older `*.cloudforce.com`, and Government Cloud (`*.salesforce.mil`).
 */
export const SALESFORCE_DOMAINS = [
  "salesforce.com",
  "force.com",
  "salesforce-setup.com",
  "cloudforce.com",
  "salesforce.mil",
]

/** localhost, 127.0.0.0/8 or ::1: what only this machine answers on. */
export function isLoopbackHostname(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "").toLowerCase()
  return (
    bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare)
  )
}

function isSalesforceHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "")
  return SALESFORCE_DOMAINS.some((d) => host.endsWith(`.${d}`))
}

function hostnameOf(value: string): string | null {
  try {
    return new URL(value).hostname
  } catch {
    return null
  }
}

/**
 * Why `value` is not a URL the access token may go to, or undefined when it may: https on a Salesforce domain or
 * on the login URL's own host (a custom domain the store configured), or http(s) on loopback. Names the host,
 * never the rest of the URL (a path or query could carry anything).
 */
export function untrustedUrlProblem(
  value: string,
  loginUrl: string
): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "is not an absolute URL"
  }
  if (url.username || url.password) {
    return "carries credentials"
  }
  if (isLoopbackHostname(url.hostname)) {
    return url.protocol === "https:" || url.protocol === "http:"
      ? undefined
      : "is not http(s)"
  }
  if (url.protocol !== "https:") {
    return `uses ${url.protocol.replace(/:$/, "")} instead of https`
  }
  const loginHost = hostnameOf(loginUrl)
  if (url.hostname !== loginHost && !isSalesforceHostname(url.hostname)) {
    return `is on ${url.hostname}, not a Salesforce host`
  }
  return undefined
}

/**
 * Throws, before anything is sent there, when `value` is not a URL the access token may go to. Kind "auth": the
 * connection is marked failing and the sync stops until an admin looks, as for refused credentials.
 */
export function assertTrustedUrl(
  what: string,
  value: string,
  loginUrl: string
): void {
  const problem = untrustedUrlProblem(value, loginUrl)
  if (problem) {
    throw new SalesforceApiError({
      errorCode: "UNTRUSTED_HOST",
      kind: "auth",
      message: `Refused to contact ${what}: it ${problem}. Only https Salesforce hosts (or the login URL's host) get the access token`,
    })
  }
}
