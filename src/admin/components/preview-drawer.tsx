import { Button, Drawer, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { useSalesforcePreview } from "../lib/hooks"
import type { SalesforcePreview } from "../lib/types"
import { RecordList } from "./record-list"
import { SectionError, SectionSkeleton } from "./states"

const MATCH_TEXT: Record<
  SalesforcePreview["customer"]["match"],
  (c: SalesforcePreview["customer"]) => string
> = {
  linked: (c) => `Matched: Contact ${c.contact_id} (linked by an earlier sync)`,
  found: (c) => `Matched: existing Contact ${c.contact_id} with ${c.email}`,
  create: (c) =>
    `Created or updated: our Account and Contact for ${c.email ?? "the customer"} (${c.external_id})` +
    (c.looked_up
      ? ""
      : "; not looked up in Salesforce, which is not configured"),
  none: () => "No customer: the invoice goes without a Contact",
}

/** "Preview": the records a sync of this invoice would send now, read-only; nothing is written to Salesforce. */
export const PreviewDrawer = ({ invoiceId }: { invoiceId: string }) => {
  const [open, setOpen] = useState(false)
  const {
    data: preview,
    isLoading,
    isError,
    error,
    refetch,
  } = useSalesforcePreview(invoiceId, open)
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Preview
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined} data-testid="preview-drawer">
        <Drawer.Header>
          <Drawer.Title>What a sync would send</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {isLoading ? (
            <SectionSkeleton rows={4} />
          ) : isError || !preview ? (
            <SectionError
              error={error}
              what="the preview"
              onRetry={() => void refetch()}
            />
          ) : (
            <>
              <Text size="small" className="text-ui-fg-subtle">
                Exactly what syncing {preview.number} now would send, in this
                order, in {preview.api_calls} API call(s). Nothing has been
                sent.
              </Text>
              <div className="flex flex-col gap-y-1">
                <Heading level="h3">Customer</Heading>
                <Text size="small" data-testid="preview-customer">
                  {MATCH_TEXT[preview.customer.match](preview.customer)}
                </Text>
              </div>
              <div className="flex flex-col gap-y-2">
                <Heading level="h3">Records ({preview.records.length})</Heading>
                <RecordList records={preview.records} answers={false} />
              </div>
              {preview.deletions.length > 0 && (
                <div className="flex flex-col gap-y-1">
                  <Heading level="h3">Deleted in Salesforce</Heading>
                  {preview.deletions.map((d) => (
                    <Text key={d.id} size="small" className="font-mono">
                      {d.object} {d.id} (a line removed in Medusa)
                    </Text>
                  ))}
                </div>
              )}
            </>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Close
            </Button>
          </Drawer.Close>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
