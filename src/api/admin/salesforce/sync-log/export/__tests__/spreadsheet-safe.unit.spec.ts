import { spreadsheetSafe } from "../spreadsheet-safe"

describe("spreadsheetSafe", () => {
  it("defuses every cell a spreadsheet would read as a formula, and only those", () => {
    expect(
      spreadsheetSafe({
        a: '=HYPERLINK("http://evil")',
        b: "+1",
        c: "-2+3",
        d: "@SUM(A1)",
        e: "\tx",
        f: "\rx",
        g: "INV-000001",
        h: "a=b",
        i: "",
      })
    ).toEqual({
      a: '\'=HYPERLINK("http://evil")',
      b: "'+1",
      c: "'-2+3",
      d: "'@SUM(A1)",
      e: "'\tx",
      f: "'\rx",
      g: "INV-000001",
      h: "a=b",
      i: "",
    })
  })
})
