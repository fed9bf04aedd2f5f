import { z } from "@medusajs/framework/zod"
import {
  EInvoiceOptionsSchema,
  missingSellerOptions,
  SellerOptionsSchema,
} from "./modules/invoice/e-invoice/seller-options"
import type { InvoiceModuleOptions } from "./modules/invoice/types"
import {
  type FieldMappingOptions,
  fieldMappingProblems,
} from "./modules/salesforce/field-mapping"
import {
  type SalesforceConnectionOptions,
  validateConnectionOptions,
} from "./modules/salesforce/lib/auth"
import type { SalesforceModuleOptions } from "./modules/salesforce/types"

export const PLUGIN_NAME = "medusa-salesforce-invoices"

const count = z.number().int().positive()
const milliseconds = z.number().int().nonnegative()

const SalesforceOptions = z.strictObject({
  loginUrl: z.string().optional(),
  authFlow: z
    .enum(["client_credentials", "jwt", "refresh_token", "password"])
    .optional(),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  privateKey: z.string().optional(),
  audience: z.string().optional(),
  refreshToken: z.string().optional(),
  apiVersion: z.string().optional(),
  timeoutMs: count.optional(),
  enableOnFirstStart: z.boolean().optional(),
  matchGuestsByEmail: z.boolean().optional(),
  automaticSyncWindowMs: milliseconds.optional(),
  batchSize: count.max(200).optional(),
  bulkThreshold: count.optional(),
  catchUpIntervalMinutes: count.optional(),
  logRetentionDays: count.optional(),
  retry: z
    .strictObject({
      maxAttempts: count.optional(),
      baseDelayMs: milliseconds.optional(),
      maxDelayMs: milliseconds.optional(),
    })
    .optional(),
  dailyLimitPauseMs: milliseconds.optional(),
  alertEmail: z.email().optional(),
  fieldMapping: z
    .custom<FieldMappingOptions>()
    .superRefine((value, ctx) => {
      for (const problem of fieldMappingProblems(value)) {
        ctx.addIssue({ code: "custom", message: problem })
      }
    })
    .optional(),
  outbox: z
    .strictObject({
      leaseMs: count.optional(),
      waitTimeoutMs: milliseconds.optional(),
      waitForAtMost: count.optional(),
      afterPush: z
        .custom<(outboxIds: string[]) => Promise<void>>(
          (v) => typeof v === "function",
          "must be a function"
        )
        .optional(),
    })
    .optional(),
})

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const InvoicesOptions = z
  .strictObject({
    numberPrefix: z.string().max(20).optional(),
    creditNotePrefix: z.string().max(20).optional(),
    numberDigits: z.number().int().min(1).max(12).optional(),
    timeZone: z
      .string()
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin")
      .optional(),
    seller: SellerOptionsSchema.optional(),
    pdfFallbackFont: z.string().optional(),
    eInvoice: EInvoiceOptionsSchema.optional(),
  })
  .superRefine((options, ctx) => {
    if (options.eInvoice?.facturX) {
      for (const option of missingSellerOptions(options.seller)) {
        ctx.addIssue({
          code: "custom",
          path: option.split(" ")[0].split("."),
          message: "is required when e-invoices are on (eInvoice)",
        })
      }
    }
  })

const PluginOptionsSchema = z.object({
  salesforce: SalesforceOptions.optional(),
  invoices: InvoicesOptions.optional(),
})

/** What a store puts in its `plugins: [{ resolve: "medusa-salesforce-invoices", options }]` entry. */
export type PluginOptions = z.infer<typeof PluginOptionsSchema>

// Keys Medusa itself adds to the options it hands a module (the test runner's database settings).
const MEDUSA_KEYS = ["database"]
const CONNECTION_KEYS = [
  "loginUrl",
  "authFlow",
  "clientId",
  "clientSecret",
  "username",
  "password",
  "privateKey",
  "audience",
  "refreshToken",
  "apiVersion",
  "timeoutMs",
] as const

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = ["options", ...issue.path.map(String)].join(".")
  if (issue.code === "unrecognized_keys") {
    return `${at} has unknown option${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`
  }
  return `${at}: ${issue.message}`
}

/**
 * Checks the plugin options and splits them into each module's options. Throws one error naming every bad option
 * (never its value: these hold secrets) so the store does not start half-configured. Without any connection option
 * Salesforce is simply not configured: invoices work and the admin says what is missing.
 */
export function parsePluginOptions(raw: unknown): {
  salesforce: SalesforceModuleOptions
  invoices: InvoiceModuleOptions
} {
  const input = (raw ?? {}) as Record<string, unknown>
  const problems: string[] = []
  const unknown = Object.keys(input).filter(
    (key) =>
      !["salesforce", "invoices"].includes(key) && !MEDUSA_KEYS.includes(key)
  )
  if (unknown.length) {
    problems.push(`options has unknown option(s) ${unknown.join(", ")}`)
  }
  const parsed = PluginOptionsSchema.safeParse(input)
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map(describeIssue))
  }
  const salesforce = parsed.data?.salesforce ?? {}
  let connection: SalesforceConnectionOptions | undefined
  if (
    parsed.success &&
    CONNECTION_KEYS.some((key) => salesforce[key] !== undefined)
  ) {
    connection = {
      ...pick(salesforce, CONNECTION_KEYS),
      authFlow: salesforce.authFlow ?? "client_credentials",
    } as SalesforceConnectionOptions
    problems.push(
      ...validateConnectionOptions(connection).map(
        (problem) => `options.salesforce.${problem}`
      )
    )
  }
  if (problems.length) {
    throw new Error(`${PLUGIN_NAME}: ${problems.join("; ")}`)
  }
  return {
    // Everything but the connection keys is the module's own option of the same name.
    salesforce: { ...omit(salesforce, CONNECTION_KEYS), connection },
    invoices: parsed.data?.invoices ?? {},
  }
}

function pick<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[]
) {
  return Object.fromEntries(
    keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])
  ) as Pick<T, K>
}

function omit<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[]
) {
  return Object.fromEntries(
    Object.entries(source).filter(([k]) => !keys.includes(k as K))
  ) as Omit<T, K>
}
