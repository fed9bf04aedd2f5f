/** Whether the catch-up should look again: never looked, or the interval has passed since it last did. */
export function isCatchUpDue(
  lastCheckedAt: Date | string | null | undefined,
  intervalMinutes: number,
  now: Date
): boolean {
  if (!lastCheckedAt) {
    return true
  }
  return (
    now.getTime() - new Date(lastCheckedAt).getTime() >=
    intervalMinutes * 60_000
  )
}
