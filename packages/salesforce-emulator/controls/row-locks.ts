// Row locks between concurrent requests. Salesforce locks every record a transaction writes (and the master record
// of a detail it writes) until the transaction commits; another transaction that needs one of them waits and then
// fails that record with UNABLE_TO_LOCK_ROW. Here a request's transaction holds its locks for `holdMs` after its
// writes, before it answers, so requests that overlap in that window meet each other's locks. With holdMs 0 (the
// default) a request's writes run without yielding, so no two requests ever meet.

export type LockHolder = {
  owner: number
  /** Set when the holder inserted the record an upsert key names: a racing upsert of that key is a duplicate. */
  insertedId?: string
}

export type RowLockSettings = { holdMs: number }

export class RowLocks {
  holdMs = 0
  private held = new Map<string, LockHolder>()
  private keysOf = new Map<number, string[]>()
  private nextOwner = 1

  /** A new transaction's owner id. */
  open(): number {
    return this.nextOwner++
  }

  /** Takes the lock for owner, or returns the other transaction that holds it. */
  claim(owner: number, key: string): LockHolder | null {
    const holder = this.held.get(key)
    if (holder && holder.owner !== owner) {
      return holder
    }
    if (!holder) {
      this.held.set(key, { owner })
      this.keysOf.set(owner, [...(this.keysOf.get(owner) ?? []), key])
    }
    return null
  }

  markInserted(owner: number, key: string, id: string): void {
    const holder = this.held.get(key)
    if (holder?.owner === owner) {
      holder.insertedId = id
    }
  }

  /** Whether the owner holds any lock, i.e. wrote something. */
  holds(owner: number): boolean {
    return (this.keysOf.get(owner)?.length ?? 0) > 0
  }

  release(owner: number): void {
    for (const key of this.keysOf.get(owner) ?? []) {
      if (this.held.get(key)?.owner === owner) {
        this.held.delete(key)
      }
    }
    this.keysOf.delete(owner)
  }

  /** How many rows are locked now. */
  count(): number {
    return this.held.size
  }

  clear(): void {
    this.held.clear()
    this.keysOf.clear()
  }
}
