import { PDF_LABELS, pdfLanguage } from "../pdf/labels"

describe("the invoice PDF's language", () => {
  it("is the first candidate the PDF is printed in: the order's, else the customer's, else the store's", () => {
    expect(pdfLanguage(["de-DE", "ar", "en"])).toBe("de")
    expect(pdfLanguage([null, "ar_SA", "de"])).toBe("ar")
    expect(pdfLanguage([undefined, null, "DE"])).toBe("de")
    // A language without labels gives way to the next candidate.
    expect(pdfLanguage(["fr-FR", "de-AT"])).toBe("de")
  })

  it("is English when no candidate is a language the PDF has", () => {
    expect(pdfLanguage([])).toBe("en")
    expect(pdfLanguage(["fr", null, "", "  "])).toBe("en")
  })

  it("has a label of its own in every language: no label is left in English", () => {
    const english = PDF_LABELS.en
    for (const language of ["de", "ar"] as const) {
      for (const [key, label] of Object.entries(PDF_LABELS[language])) {
        const en = english[key as keyof typeof english]
        const text = (l: unknown) => (typeof l === "function" ? l("X", "Y") : l)
        expect({ key, language, same: text(label) === text(en) }).toEqual({
          key,
          language,
          same: false,
        })
      }
    }
  })
})
