/**
 * Ids as Medusa's generateEntityId makes them (`prefix_` and a ULID: 10 characters of time, 16 of randomness, in
 * Crockford's base 32), `count` at a time, for the set-based writes of a batch (thousands of attempts, sync states
 * and outbox rows). generateEntityId draws its randomness a byte at a time, 16 draws from the system's random
 * source an id: about a second of a 10,000-document batch. These take all of it in one draw.
 */
import { randomBytes } from "node:crypto"

const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const TIME_CHARS = 10
/** 16 characters of 5 bits: 80 bits, 10 bytes an id. */
const RANDOM_BYTES = 10

export function entityIds(
  prefix: string,
  count: number,
  now = Date.now()
): string[] {
  let time = ""
  for (let i = 0, t = now; i < TIME_CHARS; i++, t = Math.floor(t / 32)) {
    time = BASE32[t % 32] + time
  }
  const random = randomBytes(count * RANDOM_BYTES)
  const ids = new Array<string>(count)
  for (let n = 0; n < count; n++) {
    let id = `${prefix}_${time}`
    // Two 40-bit halves, each read as 8 characters of 5 bits (40 bits fit a double exactly).
    for (let half = 0; half < 2; half++) {
      const at = n * RANDOM_BYTES + half * 5
      let bits = random.readUIntBE(at, 5)
      let chars = ""
      for (let c = 0; c < 8; c++, bits = Math.floor(bits / 32)) {
        chars = BASE32[bits % 32] + chars
      }
      id += chars
    }
    ids[n] = id
  }
  return ids
}
