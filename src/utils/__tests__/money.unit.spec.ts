import { MathBN } from "@medusajs/framework/utils"
import { allocateRounded, currencyDecimals, roundMoney } from "../money"

describe("currencyDecimals", () => {
  it("follows ISO 4217, also where Intl's data differs", () => {
    expect(
      ["JPY", "eur", "KWD", "BHD", "USD", "IQD", "HUF", "CLF", "XYZ"].map(
        currencyDecimals
      )
    ).toEqual([0, 2, 3, 3, 2, 3, 2, 4, 2])
  })
})

describe("roundMoney", () => {
  it("rounds half away from zero to the currency's minor unit", () => {
    expect(
      [
        roundMoney("1.005", "eur"),
        roundMoney(-2.675, "eur"),
        roundMoney("1234.5", "jpy"),
        roundMoney("1.2345", "kwd"),
        roundMoney(null, "eur"),
      ].map(String)
    ).toEqual(["1.01", "-2.68", "1235", "1.235", "0"])
  })
})

describe("allocateRounded", () => {
  it("rounds parts so they add up to the target, the missing units to the largest remainders", () => {
    const parts = allocateRounded(["3.333", "3.333", "3.334"], 10, 2).map(
      String
    )
    expect(parts).toEqual(["3.33", "3.33", "3.34"])
    const thirds = allocateRounded(
      [1, 1, 1].map((x) => MathBN.div(x, 3)),
      1,
      0
    )
    expect(thirds.map(String)).toEqual(["1", "0", "0"])
    const kwd = allocateRounded(["0.0005", "0.0005", "0.0005"], "0.002", 3)
    expect(kwd.map(String)).toEqual(["0.001", "0.001", "0"])
  })
})
