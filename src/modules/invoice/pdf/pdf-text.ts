import * as fontkit from "fontkit"
import { visualLine } from "./visual-runs"

export const MAIN_FONT = "invoice-main"
export const FALLBACK_FONT = "invoice-fallback"

type Glyphs = { hasGlyphForCodePoint(codePoint: number): boolean }

/** The document's fonts and what they can show; collects what neither can. */
export class FontCoverage {
  readonly missing = new Set<number>()
  private readonly main: Glyphs
  private readonly fallback: Glyphs | null

  constructor(mainPath: string, fallbackPath: string | null) {
    this.main = open(mainPath)
    this.fallback = fallbackPath ? open(fallbackPath) : null
  }

  /** The font to draw a character with; a character neither font has is drawn with the main one and recorded. */
  fontFor(char: string): string {
    const codePoint = char.codePointAt(0)!
    if (/\s/.test(char) || this.main.hasGlyphForCodePoint(codePoint)) {
      return MAIN_FONT
    }
    if (this.fallback?.hasGlyphForCodePoint(codePoint)) {
      return FALLBACK_FONT
    }
    this.missing.add(codePoint)
    return MAIN_FONT
  }
}

function open(path: string): Glyphs {
  const font = fontkit.openSync(path)
  if (!("hasGlyphForCodePoint" in font)) {
    throw new Error(
      `${path} is a font collection; give the invoice PDF one font file (.ttf or .otf)`
    )
  }
  return font
}

/**
 * The pieces of a line drawn left to right, each in one font. A right-to-left run is cut into words drawn in
 * reverse order, each word shaped on its own (fontkit lays out its glyphs right to left); spaces become pieces of
 * their own that the caller only advances over, so no layout engine reorders or drops them.
 */
export function pieces(
  text: string,
  coverage: FontCoverage
): { text: string; font: string }[] {
  const line = visualLine(text)
  return line.runs.flatMap((run) => {
    const words = run.rtl
      ? run.text.split(/(\s+)/).filter(Boolean).reverse()
      : [run.text]
    return words.flatMap((word) => {
      const byFont: { text: string; font: string }[] = []
      for (const char of word) {
        const font = coverage.fontFor(char)
        const last = byFont[byFont.length - 1]
        if (last?.font === font) last.text += char
        else byFont.push({ text: char, font })
      }
      // A right-to-left word switching fonts midway: its logically first part is drawn rightmost.
      return run.rtl ? byFont.reverse() : byFont
    })
  })
}

/** Whether a line's base direction is right to left (it starts with Arabic, Hebrew, ...). */
export function isRtl(text: string): boolean {
  return visualLine(text).rtl
}
