/**
 * Whether the catch-up should look again: the interval has passed since it last did. A store that never ran it
 * starts counting now (the job records the time), so a freshly enabled sync is not raced by it.
 */
export function isCatchUpDue(
  lastCheckedAt: Date | string | null | undefined,
  intervalMinutes: number,
  now: Date
): boolean {
  if (!lastCheckedAt) {
    return false
  }
  return (
    now.getTime() - new Date(lastCheckedAt).getTime() >=
    intervalMinutes * 60_000
  )
}
