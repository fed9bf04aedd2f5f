import { visualLine } from "../pdf/visual-runs"

describe("visualLine", () => {
  it("leaves a left-to-right line as one run", () => {
    expect(visualLine("Grace Hopper, Main 1")).toEqual({
      rtl: false,
      runs: [{ text: "Grace Hopper, Main 1", rtl: false }],
    })
  })

  it("draws an Arabic address right to left with its house number left to right inside it", () => {
    // "12 King Fahd Street" with the number at the logical start: it must end up at the right edge.
    const line = visualLine("12 شارع الملك فهد")
    expect(line.rtl).toBe(true)
    expect(line.runs).toEqual([
      { text: " شارع الملك فهد", rtl: true },
      { text: "12", rtl: false },
    ])
  })

  it("keeps a Latin word inside Arabic text in its place and mirrors the brackets around it", () => {
    // Logical: "company (ACME) for trade". Drawn left to right: "for trade", then "(ACME)", then "company".
    const line = visualLine("شركة (ACME) للتجارة")
    expect(line.rtl).toBe(true)
    expect(line.runs).toEqual([
      { text: "( للتجارة", rtl: true },
      { text: "ACME", rtl: false },
      { text: "شركة )", rtl: true },
    ])
  })

  it("keeps a left-to-right line with an Arabic name left to right", () => {
    expect(visualLine("Invoice for محمد")).toEqual({
      rtl: false,
      runs: [
        { text: "Invoice for ", rtl: false },
        { text: "محمد", rtl: true },
      ],
    })
  })
})
