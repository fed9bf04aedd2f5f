import bidiFactory from "bidi-js"

const bidi = bidiFactory()

/** A piece of one line of text with one direction, in logical order (the order it is shaped in). */
export type Run = { text: string; rtl: boolean }

/** A line of text split into direction runs in the order they are drawn from left to right. */
export type VisualLine = { runs: Run[]; rtl: boolean }

/**
 * Applies the Unicode Bidirectional Algorithm (UAX #9, via bidi-js) to one line: the runs of equal embedding level,
 * reordered for display (rule L2), with mirrored characters (brackets) swapped in right-to-left runs. Each run
 * keeps its characters in logical order, because Arabic must be shaped in that order; the shaper (fontkit) lays
 * out a right-to-left run's glyphs from right to left itself.
 */
export function visualLine(text: string): VisualLine {
  const embedding = bidi.getEmbeddingLevels(text, "auto")
  const { levels } = embedding
  // bidi-js documents the result object here but reads the levels array (levels[i] & 1), so it gets the array.
  const mirrored = bidi.getMirroredCharactersMap(
    text,
    levels as unknown as Parameters<typeof bidi.getMirroredCharactersMap>[1]
  )
  // Walk by UTF-16 code unit, as the levels are indexed, but never split a surrogate pair (CJK extensions, emoji).
  const units = text.split("")
  const runs: { text: string; level: number }[] = []
  for (let i = 0; i < units.length; i++) {
    const ch = mirrored.get(i) ?? units[i]
    const level = levels[i]
    const last = runs[runs.length - 1]
    const pairTail = i > 0 && /[\uDC00-\uDFFF]/.test(units[i])
    if (last && (last.level === level || pairTail)) {
      last.text += ch
    } else {
      runs.push({ text: ch, level })
    }
  }
  const max = Math.max(0, ...runs.map((r) => r.level))
  const lowestOdd = Math.min(
    ...runs.map((r) => (r.level % 2 ? r.level : r.level + 1)),
    max + 1
  )
  // L2: from the highest level down to the lowest odd level, reverse every sequence of runs at that level or higher.
  for (let level = max; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; i++) {
      if (runs[i].level < level) continue
      let j = i
      while (j + 1 < runs.length && runs[j + 1].level >= level) j++
      runs.splice(i, j - i + 1, ...runs.slice(i, j + 1).reverse())
      i = j
    }
  }
  return {
    runs: runs.map((r) => ({ text: r.text, rtl: r.level % 2 === 1 })),
    rtl: (embedding.paragraphs[0]?.level ?? 0) % 2 === 1,
  }
}
