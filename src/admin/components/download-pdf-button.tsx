import { DocumentText } from "@medusajs/icons"
import { Button, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../lib/format"
import { downloadInvoicePdf } from "../lib/hooks"

/** Downloads an invoice's PDF; warns when some of its text could not be drawn with the configured fonts. */
export async function downloadPdfWithFeedback(invoiceId: string) {
  try {
    const { filename, missingGlyphs } = await downloadInvoicePdf(invoiceId)
    if (missingGlyphs) {
      toast.warning(`${filename}: some characters could not be drawn`, {
        description: `No glyph for ${missingGlyphs}. Set the invoice module's pdfFallbackFont to a font that has them.`,
      })
    }
  } catch (error) {
    toast.error("Could not download the PDF", {
      description: errorMessage(error),
    })
  }
}

export const DownloadPdfButton = ({ invoiceId }: { invoiceId: string }) => {
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
      Download PDF
    </Button>
  )
}
