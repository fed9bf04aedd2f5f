import { ArrowUpRightMini } from "@medusajs/icons"

/** The Salesforce record as a link that opens in a new tab; nothing at all when the invoice is not in Salesforce. */
export const SalesforceIdLink = ({
  id,
  url,
}: {
  id?: string | null
  url?: string | null
}) => {
  if (!id) {
    return null
  }
  if (!url) {
    return <span className="txt-compact-small font-mono">{id}</span>
  }
  return (
    <a
      href={url}
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
