import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INVOICE_MODULE } from "../../../../../modules/invoice"
import type InvoiceModuleService from "../../../../../modules/invoice/service"
import { documentLanguage } from "./document-language"

/** Characters the PDF's fonts cannot show, as "U+4E2D U+6587"; absent when every character could be drawn. */
const MISSING_GLYPHS_HEADER = "X-Invoice-Pdf-Missing-Glyphs"

/** "factur-x" when the PDF carries its EN 16931 XML (ZUGFeRD / Factur-X, option eInvoice.facturX). */
const E_INVOICE_HEADER = "X-Invoice-E-Invoice"

/** The invoice or credit note as a PDF download named after its number, labelled in the order's language. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const invoices: InvoiceModuleService = req.scope.resolve(INVOICE_MODULE)
  const { pdf, number, missingGlyphs, facturX } = await invoices.renderPdf(
    req.params.id,
    { language: await documentLanguage(req.scope, req.params.id) }
  )
  if (facturX) {
    res.setHeader(E_INVOICE_HEADER, "factur-x")
  }
  if (missingGlyphs.length) {
    req.scope
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `[invoice] PDF of ${number}: no glyph for ${missingGlyphs.join(" ")}; set the invoice module's pdfFallbackFont to a font that has them`
      )
    res.setHeader(MISSING_GLYPHS_HEADER, missingGlyphs.join(" "))
  }
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader(
    "Content-Disposition",
    `attachment; filename="${number.replace(/[^\w.-]/g, "_")}.pdf"`
  )
  res.setHeader(
    "Access-Control-Expose-Headers",
    `${MISSING_GLYPHS_HEADER}, ${E_INVOICE_HEADER}`
  )
  res.send(pdf)
}
