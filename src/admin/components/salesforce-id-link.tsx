import { ArrowUpRightMini } from "@medusajs/icons"
import { webLink } from "../lib/web-link"

/**
 * The Salesforce record as a link that opens in a new tab; the bare id when its URL is unknown or not http(s);
 * nothing at all when the invoice is not in Salesforce.
 */
export const SalesforceIdLink = ({
  id,
  url,
}: {
  id?: string | null
  url?: string | null
}) => {
  const href = webLink(url)
  if (!id) {
    return null
  }
  if (!href) {
    return <span className="txt-compact-small font-mono">{id}</span>
  }
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => e.stopPropagation()}
      className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover inline-flex items-center gap-x-1 font-mono"
      data-testid="salesforce-id-link"
    >
      {id}
      <ArrowUpRightMini className="text-ui-fg-muted" />
    </a>
  )
}
