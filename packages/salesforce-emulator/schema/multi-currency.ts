import { field } from "./field"
import { Schema } from "./types"

// An org with multi-currency enabled: every object gets CurrencyIsoCode, a restricted picklist of the active
// currencies whose default is the corporate currency (the first one listed). Organization has none.

export function enableMultiCurrency(
  schema: Schema,
  activeCurrencies: string[]
): void {
  if (
    activeCurrencies.length === 0 ||
    activeCurrencies.some((code) => !/^[A-Z]{3}$/.test(code))
  ) {
    throw new Error(
      `multiCurrency.activeCurrencies must be ISO 4217 codes such as "EUR", got ${JSON.stringify(activeCurrencies)}`
    )
  }
  for (const object of schema.objects.values()) {
    if (object.name === "Organization") {
      continue
    }
    const writable = object.createable
    object.fields.push(
      field("CurrencyIsoCode", "picklist", {
        label: "Currency ISO Code",
        length: 3,
        createable: writable,
        updateable: writable,
        restrictedPicklist: true,
        custom: false,
        picklistValues: activeCurrencies.map((code, i) => ({
          value: code,
          label: code,
          defaultValue: i === 0,
        })),
      })
    )
  }
}
