import { prefixedJoinerConfig } from "../../utils/prefixed-joiner-config"
import Invoice from "./models/invoice"
import InvoiceComment from "./models/invoice-comment"
import InvoiceCounter from "./models/invoice-counter"
import InvoiceLine from "./models/invoice-line"

export const INVOICE_MODULE = "msiInvoice"

// The service's models under the keys its methods are named after (listInvoices, ...); query knows them by
// their model names: msi_invoice, msi_invoice_line, ...
export const models = {
  Invoice,
  InvoiceLine,
  InvoiceComment,
  InvoiceCounter,
}

export const joinerConfig = prefixedJoinerConfig(INVOICE_MODULE, models)
