/**
 * Money in a currency's own minor units (ISO 4217): JPY has none, EUR two, KWD and BHD three. Medusa keeps
 * amounts unrounded; a document an accountant reads states them in the currency's smallest unit.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

type Big = ReturnType<typeof MathBN.convert>

/**
 * Where the ICU data in Node (CLDR) disagrees with ISO 4217: CLDR lists the digits people write (cash), ISO the
 * minor unit the currency is accounted in.
 */
const ISO_4217_EXCEPTIONS: Record<string, number> = {
  ALL: 2,
  COP: 2,
  HUF: 2,
  IQD: 3,
  IRR: 2,
  KPW: 2,
  LAK: 2,
  LBP: 2,
  MGA: 2,
  MMK: 2,
  SLL: 2,
  SOS: 2,
  SYP: 2,
  YER: 2,
}

/**
 * Decimals by upper-cased code, as Intl answered: a cache only (the answer never changes within a process), since
 * building an Intl.NumberFormat costs tens of microseconds and a batch rounds every amount of every document.
 */
const decimalsByCode = new Map<string, number>()

/** The number of decimals of a currency's minor unit; 2 for a code Intl does not know. */
export function currencyDecimals(currencyCode: string): number {
  const code = currencyCode.toUpperCase()
  if (code in ISO_4217_EXCEPTIONS) {
    return ISO_4217_EXCEPTIONS[code]
  }
  let decimals = decimalsByCode.get(code)
  if (decimals === undefined) {
    try {
      decimals = new Intl.NumberFormat("en", {
        style: "currency",
        currency: code,
      }).resolvedOptions().maximumFractionDigits!
    } catch {
      decimals = 2
    }
    decimalsByCode.set(code, decimals)
  }
  return decimals
}

/** Rounds to the currency's minor unit, half away from zero, without float drift. */
export function roundMoney(
  amount: BigNumberInput | null | undefined,
  currencyCode: string
): Big {
  // ROUND_HALF_UP (4) in bignumber.js rounds .5 away from zero, for negative amounts too.
  return MathBN.convert(amount ?? 0).decimalPlaces(
    currencyDecimals(currencyCode),
    4
  )
}

/**
 * Rounds each amount to `decimals` so that the rounded amounts add up to `target` exactly (largest remainder):
 * every amount is rounded down, then the units still missing go to the amounts that lost most. `target` must be
 * a multiple of the unit; it is usually the rounded sum of the amounts.
 */
export function allocateRounded(
  amounts: BigNumberInput[],
  target: BigNumberInput,
  decimals: number
): Big[] {
  const unit = MathBN.convert(1).shiftedBy(-decimals)
  // ROUND_FLOOR (3): towards minus infinity, so every remainder is >= 0.
  const floors = amounts.map((a) =>
    MathBN.convert(a).decimalPlaces(decimals, 3)
  )
  const remainders = amounts.map((a, i) => MathBN.convert(a).minus(floors[i]))
  const sumOfFloors = floors.reduce((s, f) => s.plus(f), MathBN.convert(0))
  let missing = MathBN.convert(target)
    .minus(sumOfFloors)
    .div(unit)
    .integerValue()
    .toNumber()
  if (!amounts.length) {
    return []
  }
  // Largest remainder first; on a tie the earlier amount, so the result does not depend on sort stability.
  const order = amounts
    .map((_, i) => i)
    .sort((a, b) => remainders[b].comparedTo(remainders[a]) || a - b)
  const result = [...floors]
  for (let k = 0; missing !== 0; k++) {
    const i =
      missing > 0
        ? order[k % order.length]
        : order[order.length - 1 - (k % order.length)]
    result[i] = missing > 0 ? result[i].plus(unit) : result[i].minus(unit)
    missing += missing > 0 ? -1 : 1
  }
  return result
}
