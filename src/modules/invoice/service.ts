import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import Invoice from "./models/invoice"
import InvoiceComment from "./models/invoice-comment"
import InvoiceCounter from "./models/invoice-counter"
import InvoiceLine from "./models/invoice-line"
import { readSyncableInvoices } from "./syncable-invoices-sql"
import type {
  CreateInvoiceDocumentInput,
  InvoiceModuleOptions,
  SyncableInvoiceRow,
} from "./types"

const COUNTER_ID = "invoice"

type InjectedDependencies = Record<string, unknown>
type InvoiceCreate = Parameters<
  InstanceType<typeof InvoiceModuleService>["createInvoices"]
>[0]

class InvoiceModuleService extends MedusaService({
  Invoice,
  InvoiceLine,
  InvoiceComment,
  InvoiceCounter,
}) {
  protected readonly options_: Required<InvoiceModuleOptions>

  constructor(
    container: InjectedDependencies,
    options: InvoiceModuleOptions = {}
  ) {
    super(container, options)
    this.options_ = {
      numberPrefix: options.numberPrefix ?? "INV-",
      numberDigits: options.numberDigits ?? 6,
    }
  }

  /** The documents with their lines and comments, for the Salesforce sync: one query for the whole batch. */
  @InjectManager()
  async listSyncableInvoices(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SyncableInvoiceRow[]> {
    const manager = (sharedContext.transactionManager ??
      sharedContext.manager) as {
      execute: (sql: string, params?: unknown[]) => Promise<unknown>
    }
    return readSyncableInvoices<SyncableInvoiceRow>(
      (sql, params) => manager.execute(sql, params),
      ids
    )
  }

  formatNumber(sequence: number): string {
    return `${this.options_.numberPrefix}${String(sequence).padStart(this.options_.numberDigits, "0")}`
  }

  /**
   * Creates invoices or credit notes with their lines in one transaction, each with the next store-wide number.
   * A document whose source already has one fails the whole call with a CONFLICT: the unique index decides, so
   * two concurrent requests cannot both win.
   */
  async createInvoiceDocuments(
    data: CreateInvoiceDocumentInput[],
    sharedContext: Context = {}
  ) {
    try {
      return await this.createInvoiceDocuments_(data, sharedContext)
    } catch (error) {
      // The unique index on source_key surfaces as INVALID_DATA "... already exists" when the transaction commits.
      if (
        MedusaError.isMedusaError(error) &&
        /source_key.*already exists/.test(error.message)
      ) {
        throw new MedusaError(MedusaError.Types.CONFLICT, error.message)
      }
      throw error
    }
  }

  @InjectTransactionManager()
  protected async createInvoiceDocuments_(
    data: CreateInvoiceDocumentInput[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as {
      execute: (sql: string, params: unknown[]) => Promise<{ value: number }[]>
    }
    // Reserve data.length numbers in this transaction (see InvoiceCounter for why a counter row, not a sequence).
    const [{ value: last }] = await manager.execute(
      `INSERT INTO msi_invoice_counter (id, value) VALUES (?, ?)
       ON CONFLICT (id) DO UPDATE SET value = msi_invoice_counter.value + EXCLUDED.value, updated_at = now()
       RETURNING value`,
      [COUNTER_ID, data.length]
    )
    const first = Number(last) - data.length + 1
    const documents = data.map((doc, i) => {
      const sequence = first + i
      return {
        ...doc,
        sequence,
        number: this.formatNumber(sequence),
        lines: doc.lines.map((line, rank) => ({ ...line, rank })),
      }
    })
    // The generated create types amounts as numbers; BigNumberInput (string or BigNumber) keeps them exact and is
    // what the bigNumber columns store.
    return await this.createInvoices(
      documents as unknown as InvoiceCreate,
      sharedContext
    )
  }
}

export default InvoiceModuleService
