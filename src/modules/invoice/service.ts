import type { Context } from "@medusajs/framework/types"
import {
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import Invoice from "./models/invoice"
import InvoiceComment from "./models/invoice-comment"
import InvoiceLine from "./models/invoice-line"
import type { CreateInvoiceDocumentInput, InvoiceModuleOptions } from "./types"

type InjectedDependencies = Record<string, unknown>
type InvoiceCreate = Parameters<InstanceType<typeof InvoiceModuleService>["createInvoices"]>[0]

class InvoiceModuleService extends MedusaService({
  Invoice,
  InvoiceLine,
  InvoiceComment,
}) {
  protected readonly options_: Required<InvoiceModuleOptions>

  constructor(container: InjectedDependencies, options: InvoiceModuleOptions = {}) {
    super(container, options)
    this.options_ = {
      numberPrefix: options.numberPrefix ?? "INV-",
      numberDigits: options.numberDigits ?? 6,
    }
  }

  formatNumber(sequence: number): string {
    return `${this.options_.numberPrefix}${String(sequence).padStart(this.options_.numberDigits, "0")}`
  }

  /**
   * Creates invoices or credit notes with their lines in one transaction, each with the next store-wide number.
   * A document whose source already has one fails the whole call with a DUPLICATE_ERROR: the unique index
   * decides, so two concurrent requests cannot both win.
   */
  @InjectTransactionManager()
  async createInvoiceDocuments(
    data: CreateInvoiceDocumentInput[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as {
      execute: (sql: string, params: unknown[]) => Promise<{ value: string }[]>
    }
    // Numbers come from the serial column's own sequence: allocated up front so the number is written with the
    // row (it is NOT NULL and unique) rather than patched in afterwards.
    const rows = await manager.execute(
      `SELECT nextval(pg_get_serial_sequence('invoice', 'sequence')) AS value FROM generate_series(1, ?)`,
      [data.length]
    )
    const documents = data.map((doc, i) => {
      const sequence = Number(rows[i].value)
      return {
        ...doc,
        sequence,
        number: this.formatNumber(sequence),
        lines: doc.lines.map((line, rank) => ({ ...line, rank })),
      }
    })
    // The generated create types amounts as numbers; BigNumberInput (string or BigNumber) keeps them exact and is
    // what the bigNumber columns store.
    return await this.createInvoices(documents as unknown as InvoiceCreate, sharedContext)
  }
}

export default InvoiceModuleService
