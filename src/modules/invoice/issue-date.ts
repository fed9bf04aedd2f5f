/** The calendar date (YYYY-MM-DD) an instant falls on in an IANA time zone. */
export function calendarDate(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant)
}

/** Throws a clear error for a time zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en", { timeZone })
  } catch {
    throw new Error(
      `Invoice module option timeZone: "${timeZone}" is not an IANA time zone (e.g. "Europe/Berlin")`
    )
  }
}
