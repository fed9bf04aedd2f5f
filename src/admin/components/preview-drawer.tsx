import { Button, Drawer, Heading, Text } from "@medusajs/ui"
import { formatNumber } from "../lib/format"
import { useState } from "react"
import { useSalesforcePreview } from "../lib/hooks"
import { usePluginTranslation } from "../lib/i18n"
import type { SalesforcePreview } from "../lib/types"
import { RecordList } from "./record-list"
import { SectionError, SectionSkeleton } from "./states"

type Translate = (key: string, options?: Record<string, unknown>) => string

const MATCH_TEXT: Record<
  SalesforcePreview["customer"]["match"],
  (c: SalesforcePreview["customer"], t: Translate) => string
> = {
  linked: (c, t) => t("preview.matchLinked", { contactId: c.contact_id }),
  found: (c, t) =>
    t("preview.matchFound", { contactId: c.contact_id, email: c.email }),
  create: (c, t) =>
    t(c.looked_up ? "preview.matchCreate" : "preview.matchCreateNotLookedUp", {
      email: c.email ?? t("preview.theCustomer"),
      externalId: c.external_id,
    }),
  none: (_, t) => t("preview.matchNone"),
}

/** "Preview": the records a sync of this invoice would send now, read-only; nothing is written to Salesforce. */
export const PreviewDrawer = ({ invoiceId }: { invoiceId: string }) => {
  const { t } = usePluginTranslation()
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
          {t("preview.open")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content aria-describedby={undefined} data-testid="preview-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("preview.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {isLoading ? (
            <SectionSkeleton rows={4} />
          ) : isError || !preview ? (
            <SectionError
              error={error}
              what={t("what.preview")}
              onRetry={() => void refetch()}
            />
          ) : (
            <>
              <Text size="small" className="text-ui-fg-subtle">
                {t("preview.description", {
                  number: preview.number,
                  calls: formatNumber(preview.api_calls),
                })}
              </Text>
              <div className="flex flex-col gap-y-1">
                <Heading level="h3">{t("preview.customer")}</Heading>
                <Text size="small" data-testid="preview-customer">
                  {MATCH_TEXT[preview.customer.match](preview.customer, t)}
                </Text>
              </div>
              <div className="flex flex-col gap-y-2">
                <Heading level="h3">
                  {t("records.heading", {
                    n: formatNumber(preview.records.length),
                  })}
                </Heading>
                <RecordList records={preview.records} answers={false} />
              </div>
              {preview.deletions.length > 0 && (
                <div className="flex flex-col gap-y-1">
                  <Heading level="h3">{t("preview.deleted")}</Heading>
                  {preview.deletions.map((d) => (
                    <Text key={d.id} size="small" className="font-mono">
                      {t("preview.deletedLine", { object: d.object, id: d.id })}
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
              {t("common.close")}
            </Button>
          </Drawer.Close>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
