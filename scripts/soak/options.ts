/** The soak's command line: `npm run soak -- --invoices 1000 --workers 2 --kills 2 --fault-rate 0.1`. */
export type SoakOptions = {
  invoices: number
  workers: number
  kills: number
  /** Share of Salesforce requests answered with a fault, 0..1. */
  faultRate: number
  /** The whole soak, start-up included; past it the soak fails loudly. */
  timeoutMinutes: number
}

export const SOAK_DEFAULTS: SoakOptions = {
  invoices: 1000,
  workers: 2,
  kills: 2,
  faultRate: 0.1,
  timeoutMinutes: 40,
}

const FLAGS: Record<keyof SoakOptions, string> = {
  invoices: "--invoices",
  workers: "--workers",
  kills: "--kills",
  faultRate: "--fault-rate",
  timeoutMinutes: "--timeout-minutes",
}

/** `--flag value` or `--flag=value`; an unknown flag or a bad value is an error naming it. */
export function parseSoakOptions(argv: string[]): SoakOptions {
  const options = { ...SOAK_DEFAULTS }
  const known = new Map(Object.entries(FLAGS).map(([key, flag]) => [flag, key]))
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2)
    const key = known.get(flag) as keyof SoakOptions | undefined
    if (!key) {
      throw new Error(
        `unknown option ${argv[i]} (known: ${[...known.keys()].join(", ")})`
      )
    }
    const raw = inline ?? argv[++i]
    const value = Number(raw)
    const whole = key !== "faultRate"
    if (
      raw === undefined ||
      !Number.isFinite(value) ||
      value < 0 ||
      (whole && !Number.isInteger(value)) ||
      (key === "faultRate" && value > 1)
    ) {
      throw new Error(
        `${flag} must be ${whole ? "a whole number >= 0" : "a number from 0 to 1"}, not ${JSON.stringify(raw)}`
      )
    }
    options[key] = value
  }
  if (options.invoices < 1) throw new Error("--invoices must be at least 1")
  if (options.workers < 1) throw new Error("--workers must be at least 1")
  if (options.timeoutMinutes < 1)
    throw new Error("--timeout-minutes must be at least 1")
  return options
}
