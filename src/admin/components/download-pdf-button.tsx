import { DocumentText } from "@medusajs/icons"
import { Button, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../lib/format"
import { downloadInvoicePdf } from "../lib/hooks"
import { translate, usePluginTranslation } from "../lib/i18n"

/** Downloads an invoice's PDF; warns when some of its text could not be drawn with the configured fonts. */
export async function downloadPdfWithFeedback(invoiceId: string) {
  try {
    const { filename, missingGlyphs } = await downloadInvoicePdf(invoiceId)
    if (missingGlyphs) {
      toast.warning(translate("pdf.missingGlyphs", { filename }), {
        description: translate("pdf.missingGlyphsHint", { missingGlyphs }),
      })
    }
  } catch (error) {
    toast.error(translate("pdf.downloadError"), {
      description: errorMessage(error),
    })
  }
}

export const DownloadPdfButton = ({ invoiceId }: { invoiceId: string }) => {
  const { t } = usePluginTranslation()
  const [busy, setBusy] = useState(false)
  return (
    <Button
      size="small"
      variant="secondary"
      isLoading={busy}
      onClick={async () => {
        setBusy(true)
        await downloadPdfWithFeedback(invoiceId)
        setBusy(false)
      }}
    >
      <DocumentText />
      {t("pdf.download")}
    </Button>
  )
}
