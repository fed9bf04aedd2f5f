import {
  FormatFactoryService,
  type Invoice,
  invoiceSchema,
} from "@e-invoice-eu/core"
import type { ValidateFunction } from "ajv"
import type Ajv2019Type from "ajv/dist/2019"

/** The library logs its warnings through this; they are about the input, which our own checks already cover. */
const quiet = {
  log: () => {},
  warn: () => {},
  error: () => {},
}

type Format = "XRECHNUNG-UBL" | "CII"

// The library's own Ajv (its dependency, not ours), so its JSON schema is checked exactly as it checks it.
const Ajv2019: typeof Ajv2019Type = require(
  require.resolve("ajv/dist/2019", {
    paths: [require.resolve("@e-invoice-eu/core")],
  })
).default

/**
 * The library's check of its input, compiled once per format: a cache only (the schema never changes within a
 * process). Its InvoiceService.generate compiles the whole JSON schema on every call, about a second of CPU,
 * which a batch of PDFs for Salesforce cannot afford; this does what generate does with the compiled check kept.
 */
const validators = new Map<Format, ValidateFunction<Invoice>>()
const factory = new FormatFactoryService()

async function generate(invoice: Invoice, format: Format): Promise<string> {
  const formatter = factory.createFormatService(format, quiet)
  let validate = validators.get(format)
  if (!validate) {
    const schema = structuredClone(invoiceSchema)
    formatter.patchSchema(schema)
    validate = new Ajv2019({
      strict: true,
      allErrors: true,
      useDefaults: true,
    }).compile<Invoice>(schema)
    validators.set(format, validate)
  }
  // The check fills defaults into what it checks: work on a copy.
  const data = structuredClone(invoice)
  if (!validate(data)) {
    throw new Error(
      `e-invoice data refused by @e-invoice-eu/core: ${JSON.stringify(validate.errors)}`
    )
  }
  formatter.fillInvoiceDefaults(data)
  return (await formatter.generate(data, {
    format: factory.normalizeFormat(format),
    lang: "en",
  })) as string
}

/** The invoice as XRechnung 3 UBL XML (a credit note becomes a UBL CreditNote). */
export function renderXRechnung(invoice: Invoice): Promise<string> {
  return generate(invoice, "XRECHNUNG-UBL")
}

/**
 * The invoice as UN/CEFACT CII D16B XML with the EN 16931 guideline (urn:cen.eu:en16931:2017), the XML a
 * Factur-X EN 16931 PDF carries; the PDF embeds it itself (pdf/factur-x.ts).
 */
export function renderCii(invoice: Invoice): Promise<string> {
  return generate(invoice, "CII")
}
