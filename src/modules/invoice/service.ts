import type { Context, ModuleJoinerConfig } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { joinerConfig, models } from "./joiner-config"
import Invoice from "./models/invoice"
import InvoiceComment from "./models/invoice-comment"
import InvoiceCounter from "./models/invoice-counter"
import InvoiceLine from "./models/invoice-line"
import { assertTimeZone, calendarDate } from "./issue-date"
import {
  PdfInvoice,
  RenderedPdf,
  renderInvoicePdf,
} from "./pdf/render-invoice-pdf"
import type { PdfLanguage } from "./pdf/labels"
import { parsePluginOptions, type PluginOptions } from "../../plugin-options"
import { readSyncableInvoices } from "./syncable-invoices-sql"
import { buildEInvoice } from "./e-invoice/build-e-invoice"
import type {
  EInvoiceDocument,
  EInvoiceFormat,
} from "./e-invoice/e-invoice-document"
import { eInvoiceProblems } from "./e-invoice/e-invoice-problems"
import { renderCii, renderXRechnung } from "./e-invoice/render-e-invoice"
import type {
  CreateInvoiceDocumentInput,
  DocumentAddress,
  EInvoiceOptions,
  SyncableInvoiceRow,
  InvoiceSeller,
  InvoiceType,
  TaxBreakdownEntry,
} from "./types"

type ResolvedOptions = {
  prefixes: Record<InvoiceType, string>
  numberDigits: number
  timeZone: string
  seller: InvoiceSeller
  pdfFallbackFont: string | null
  eInvoice: EInvoiceOptions
}

/** What keeps a document from each e-invoice format; an empty list means it can be issued in that format. */
export type EInvoiceStatus = Record<EInvoiceFormat, string[]>

type InjectedDependencies = Record<string, unknown>
type InvoiceCreate = Parameters<
  InstanceType<typeof InvoiceModuleService>["createInvoices"]
>[0]

class InvoiceModuleService extends MedusaService(models) {
  __joinerConfig(): ModuleJoinerConfig {
    return joinerConfig
  }

  protected readonly options_: ResolvedOptions

  constructor(
    container: InjectedDependencies,
    pluginOptions: PluginOptions = {}
  ) {
    super(container, pluginOptions)
    // The plugin hands every module all of its options; this module reads the `invoices` part.
    const options = parsePluginOptions(pluginOptions).invoices
    const timeZone = options.timeZone || "UTC"
    assertTimeZone(timeZone)
    this.options_ = {
      prefixes: {
        invoice: options.numberPrefix ?? "INV-",
        credit_note: options.creditNotePrefix ?? "CN-",
      },
      numberDigits: options.numberDigits ?? 6,
      timeZone,
      seller: options.seller ?? {},
      pdfFallbackFont: options.pdfFallbackFont || null,
      eInvoice: options.eInvoice ?? {},
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

  formatNumber(type: InvoiceType, sequence: number): string {
    return `${this.options_.prefixes[type]}${String(sequence).padStart(this.options_.numberDigits, "0")}`
  }

  /**
   * The calendar date a document issued at `instant` carries: the store's date, in its time zone. A workflow hands
   * its steps their input serialised, so the instant may arrive as an ISO string.
   */
  issueDateOf(instant: Date | string): string {
    return calendarDate(new Date(instant), this.options_.timeZone)
  }

  /** What the PDF prints about the seller, and the font for other scripts (module options). */
  documentOptions(): { seller: InvoiceSeller; fallbackFont: string | null } {
    return {
      seller: this.options_.seller,
      fallbackFont: this.options_.pdfFallbackFont,
    }
  }

  /** The stored document with its lines in order and the invoice a credit note corrects; 404 for an unknown id. */
  protected async loadDocument_(id: string) {
    const [invoice] = await this.listInvoices(
      { id },
      { relations: ["lines"], take: 1 }
    )
    if (!invoice) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Invoice with id: ${id} was not found`
      )
    }
    const [original] = invoice.original_invoice_id
      ? await this.listInvoices(
          { id: invoice.original_invoice_id },
          { select: ["number", "issue_date"], take: 1 }
        )
      : []
    return {
      ...invoice,
      lines: [...invoice.lines].sort((a, b) => a.rank - b.rank),
      // The JSON columns are typed loosely by the generated model types; these are what the module writes.
      billing_address: invoice.billing_address as DocumentAddress | null,
      tax_breakdown: invoice.tax_breakdown as unknown as TaxBreakdownEntry[],
      original_invoice_number: original?.number ?? null,
      original_invoice: original
        ? { number: original.number, issue_date: original.issue_date }
        : null,
    }
  }

  protected eInvoiceStatusOf_(doc: EInvoiceDocument): EInvoiceStatus {
    const seller = this.options_.seller
    return {
      xrechnung: eInvoiceProblems(doc, seller, "xrechnung"),
      "factur-x": eInvoiceProblems(doc, seller, "factur-x"),
    }
  }

  /** What the document lacks to be each kind of e-invoice (seller options, buyer data); GET-safe, writes nothing. */
  async eInvoiceStatus(id: string): Promise<EInvoiceStatus> {
    return this.eInvoiceStatusOf_(await this.loadDocument_(id))
  }

  /**
   * The document as an XRechnung (UBL) e-invoice. A document that cannot be a valid one is refused with
   * INVALID_DATA naming everything it lacks.
   */
  async renderXRechnung(id: string): Promise<{ number: string; xml: string }> {
    const doc = await this.loadDocument_(id)
    const missing = this.eInvoiceStatusOf_(doc).xrechnung
    if (missing.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${doc.number} cannot be an XRechnung e-invoice; missing: ${missing.join("; ")}`
      )
    }
    const xml = await renderXRechnung(
      buildEInvoice(doc, this.options_.seller, this.options_.eInvoice)
    )
    return { number: doc.number, xml }
  }

  /**
   * The document as a PDF, with the seller and fonts from the module options. 404 for an unknown id. Rendered
   * on each call from the stored document, which never changes once issued, so the same document gives the
   * same content every time. With the option eInvoice.facturX it is a ZUGFeRD / Factur-X PDF/A-3 whenever the
   * document can be a valid e-invoice (`facturX` says whether it is), and the plain PDF otherwise.
   * `{ facturX: true }` asks for the ZUGFeRD PDF whatever the option, and is refused like renderXRechnung.
   * `language` picks the labels (see pdf/labels.ts); English by default.
   */
  async renderPdf(
    id: string,
    request: { facturX?: boolean; language?: PdfLanguage } = {}
  ): Promise<RenderedPdf & { number: string; facturX: boolean }> {
    const doc = await this.loadDocument_(id)
    const missing = this.eInvoiceStatusOf_(doc)["factur-x"]
    if (request.facturX && missing.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${doc.number} cannot be a ZUGFeRD / Factur-X e-invoice; missing: ${missing.join("; ")}`
      )
    }
    const facturX =
      (request.facturX || !!this.options_.eInvoice.facturX) && !missing.length
    const facturXml = facturX
      ? await renderCii(
          buildEInvoice(doc, this.options_.seller, this.options_.eInvoice)
        )
      : undefined
    const rendered = await renderInvoicePdf(doc as PdfInvoice, {
      ...this.documentOptions(),
      facturXml,
      language: request.language,
    })
    return { ...rendered, number: doc.number, facturX }
  }

  /**
   * Creates invoices or credit notes with their lines in one transaction, each with the next number of its type's
   * series.
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
    // Reserve the numbers of each series in this transaction (see InvoiceCounter for why a counter row, not a
    // sequence). Series in a fixed order, so two transactions never wait for each other's rows crosswise.
    const next: Partial<Record<InvoiceType, number>> = {}
    for (const type of ["invoice", "credit_note"] as const) {
      const count = data.filter((d) => d.type === type).length
      if (!count) {
        continue
      }
      const [{ value: last }] = await manager.execute(
        `INSERT INTO msi_invoice_counter (id, value) VALUES (?, ?)
         ON CONFLICT (id) DO UPDATE SET value = msi_invoice_counter.value + EXCLUDED.value, updated_at = now()
         RETURNING value`,
        [type, count]
      )
      next[type] = Number(last) - count + 1
    }
    const documents = data.map((doc) => {
      const sequence = next[doc.type]!++
      return {
        ...doc,
        // issued_at arrives as an ISO string when it passed through a workflow's serialized data.
        issue_date: doc.issue_date ?? this.issueDateOf(new Date(doc.issued_at)),
        sequence,
        number: this.formatNumber(doc.type, sequence),
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

  /**
   * Count and total of the documents issued per UTC day, currency and type, in [from, to] (YYYY-MM-DD): one
   * grouped query, for the reconciliation with Salesforce. Totals are rounded to cents per document first, as
   * the mapping sends them, and returned as text so no float touches them.
   */
  @InjectManager()
  async dailyTotals(
    range: { from: string; to: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<
    {
      date: string
      currency: string
      type: "invoice" | "credit_note"
      count: number
      total: string
    }[]
  > {
    // The manager Medusa injects is MikroORM's EntityManager; only its raw execute is used here.
    const manager = sharedContext.manager as {
      execute: <T>(sql: string, params: unknown[]) => Promise<T[]>
    }
    return await manager.execute<{
      date: string
      currency: string
      type: "invoice" | "credit_note"
      count: number
      total: string
    }>(
      // issue_date is the store-local calendar date the document is dated and sent to Salesforce with.
      `SELECT issue_date AS date, upper(currency_code) AS currency,
              type, count(*)::int AS count, coalesce(sum(round(total, 2)), 0)::text AS total
       FROM msi_invoice
       WHERE deleted_at IS NULL AND issue_date >= ? AND issue_date <= ?
       GROUP BY 1, 2, 3`,
      [range.from, range.to]
    )
  }
}

export default InvoiceModuleService
