import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { INVOICE_MODULE } from "../../../../../modules/invoice"
import type InvoiceModuleService from "../../../../../modules/invoice/service"
import type { AdminEInvoiceStatusResponse } from "../../../../../modules/invoice/e-invoice/e-invoice-document"
import type { AdminGetEInvoiceParamsType } from "../../validators"

const fileName = (number: string, extension: string) =>
  `${number.replace(/[^\w.-]/g, "_")}${extension}`

/**
 * The document as an e-invoice: `?format=xrechnung` the XRechnung UBL XML, `?format=factur-x` the ZUGFeRD /
 * Factur-X PDF; 400 naming what is missing when it cannot be one. Without `format`: what each format lacks.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetEInvoiceParamsType>,
  res: MedusaResponse
) => {
  const invoices: InvoiceModuleService = req.scope.resolve(INVOICE_MODULE)
  const { format } = req.validatedQuery as AdminGetEInvoiceParamsType
  if (format === "xrechnung") {
    const { xml, number } = await invoices.renderXRechnung(req.params.id)
    res.setHeader("Content-Type", "application/xml; charset=utf-8")
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="${fileName(number, ".xml")}"`
    )
    res.send(xml)
    return
  }
  if (format === "factur-x") {
    const { pdf, number } = await invoices.renderPdf(req.params.id, {
      facturX: true,
    })
    res.setHeader("Content-Type", "application/pdf")
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="${fileName(number, ".pdf")}"`
    )
    res.send(pdf)
    return
  }
  const status = await invoices.eInvoiceStatus(req.params.id)
  const response: AdminEInvoiceStatusResponse = {
    e_invoice: {
      formats: {
        xrechnung: {
          available: !status.xrechnung.length,
          missing: status.xrechnung,
        },
        "factur-x": {
          available: !status["factur-x"].length,
          missing: status["factur-x"],
        },
      },
    },
  }
  res.json(response)
}
