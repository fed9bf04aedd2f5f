/**
 * The URL when a browser may follow it as a link: absolute http(s) only. A record URL comes from Salesforce's
 * answers (the instance URL), so a `javascript:` or `data:` one would run in the admin's session if rendered.
 */
export function webLink(url: string | null | undefined): string | null {
  if (!url) {
    return null
  }
  try {
    const { protocol } = new URL(url)
    return protocol === "https:" || protocol === "http:" ? url : null
  } catch {
    return null
  }
}
