/**
 * The admin's strings are all translated, and every translation is used. The admin source is parsed (TypeScript's
 * own parser) rather than grepped: text between JSX tags, user-visible attributes and properties, and toasts must
 * come from `t(...)`; every key the source names must exist in English, German and Arabic alike; and every key in
 * the files must be named somewhere in the source.
 */
import fs from "node:fs"
import path from "node:path"
import ts from "typescript"
import resources from "../index"
import { KEY_PREFIX } from "../../lib/i18n"

const ADMIN = path.resolve(__dirname, "..", "..")
const LANGUAGES = ["en", "de", "ar"] as const

/** Names, the same in every language. */
const NAMES = new Set(["Salesforce"])

/** JSX attributes and object properties whose string a merchant reads. */
const VISIBLE = new Set([
  "label",
  "placeholder",
  "title",
  "aria-label",
  "alt",
  "tooltip",
  "content",
  "description",
  "heading",
  "header",
  "sortLabel",
  "sortAscLabel",
  "sortDescLabel",
  "what",
])

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ""): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>(
    (flat, [key, value]) =>
      typeof value === "string"
        ? { ...flat, [`${prefix}${key}`]: value }
        : { ...flat, ...flatten(value, `${prefix}${key}.`) },
    {}
  )
}

const strings = Object.fromEntries(
  LANGUAGES.map((lng) => [
    lng,
    flatten((resources[lng].translation as Tree)[KEY_PREFIX] as Tree),
  ])
) as Record<(typeof LANGUAGES)[number], Record<string, string>>
const english = strings.en

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name === "__tests__" ? [] : sourceFiles(file)
    }
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")
      ? [file]
      : []
  })
}

const hasWords = (text: string) => /\p{L}{2,}/u.test(text)
/** A key of ours as the source names it: with or without the prefix. */
const asKey = (text: string) =>
  text.startsWith(`${KEY_PREFIX}.`) ? text.slice(KEY_PREFIX.length + 1) : text

type Scan = {
  /** Untranslated strings, as "file:line: text". */
  literals: string[]
  /** Every string literal of the source (the keys it names are among them). */
  named: Set<string>
  /** Keys passed to t()/translate() that none of the files has. */
  unknownKeys: string[]
}

/** Reads the admin's source; `extra` adds a file's text (for the test that proves the check bites). */
function scanAdmin(extra?: { file: string; text: string }): Scan {
  const scan: Scan = { literals: [], named: new Set(), unknownKeys: [] }
  const files = sourceFiles(ADMIN).map((file) => ({
    file,
    text: fs.readFileSync(file, "utf8"),
  }))
  for (const { file, text } of extra ? [...files, extra] : files) {
    const source = ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      true,
      file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS
    )
    const where = (node: ts.Node) =>
      `${path.relative(ADMIN, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const untranslated = (node: ts.Node, value: string) => {
      if (hasWords(value) && !NAMES.has(value) && !(asKey(value) in english)) {
        scan.literals.push(`${where(node)}: ${JSON.stringify(value.trim())}`)
      }
    }
    /** A string (or template, or either branch of a condition) that would reach the page as it is. */
    const checkShown = (node: ts.Expression | undefined) => {
      if (!node) return
      if (
        ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node)
      ) {
        untranslated(node, node.text)
      } else if (ts.isTemplateExpression(node)) {
        const parts = [
          node.head.text,
          ...node.templateSpans.map((s) => s.literal.text),
        ]
        untranslated(node, parts.join(" "))
      } else if (ts.isConditionalExpression(node)) {
        checkShown(node.whenTrue)
        checkShown(node.whenFalse)
      } else if (ts.isBinaryExpression(node)) {
        // `a ?? "Fallback"`, `a || "Fallback"`, `cond && "Text"`
        checkShown(node.right)
      } else if (ts.isParenthesizedExpression(node)) {
        checkShown(node.expression)
      }
    }
    const visit = (node: ts.Node) => {
      if (
        ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node)
      ) {
        scan.named.add(asKey(node.text))
      }
      if (ts.isJsxText(node)) {
        untranslated(node, node.text)
      } else if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent)) {
        checkShown(node.expression)
      } else if (
        ts.isJsxAttribute(node) &&
        VISIBLE.has(node.name.getText(source)) &&
        node.initializer
      ) {
        checkShown(
          ts.isJsxExpression(node.initializer)
            ? node.initializer.expression
            : node.initializer
        )
      } else if (
        ts.isPropertyAssignment(node) &&
        VISIBLE.has(node.name.getText(source).replace(/"/g, ""))
      ) {
        checkShown(node.initializer)
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(source)
        const [first] = node.arguments
        if (/^toast\.\w+$/.test(callee)) {
          checkShown(first)
        }
        if (
          /^(t|translate|i18n\.t)$/.test(callee) &&
          first &&
          ts.isStringLiteral(first) &&
          !(asKey(first.text) in english)
        ) {
          scan.unknownKeys.push(`${where(first)}: ${first.text}`)
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return scan
}

const placeholders = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()

describe("admin translations", () => {
  const scan = scanAdmin()

  it("has no string in the admin's JSX, toasts or labels that is not translated", () => {
    expect(scan.literals).toEqual([])
  })

  it("names only keys that exist", () => {
    expect(scan.unknownKeys).toEqual([])
  })

  it("has every key in English, German and Arabic, none empty, with the same placeholders", () => {
    const keys = Object.keys(english).sort()
    expect(keys.length).toBeGreaterThan(100)
    for (const lng of LANGUAGES) {
      expect(Object.keys(strings[lng]).sort()).toEqual(keys)
      for (const key of keys) {
        expect({ key, lng, empty: !strings[lng][key].trim() }).toEqual({
          key,
          lng,
          empty: false,
        })
        expect({
          key,
          lng,
          placeholders: placeholders(strings[lng][key]),
        }).toEqual({ key, lng, placeholders: placeholders(english[key]) })
      }
    }
  })

  it("uses every key", () => {
    const unused = Object.keys(english).filter((key) => !scan.named.has(key))
    expect(unused).toEqual([])
  })

  it("catches an untranslated string and an unknown key (the check itself works)", () => {
    const broken = scanAdmin({
      file: path.join(ADMIN, "components", "broken.tsx"),
      text: `export const Broken = ({ t }: { t: (k: string) => string }) => (
        <div title="Not translated">
          Plain text
          {t("no.such.key")}
        </div>
      )`,
    })
    expect(broken.literals).toEqual([
      ...scan.literals,
      'components/broken.tsx:2: "Not translated"',
      'components/broken.tsx:3: "Plain text"',
    ])
    expect(broken.unknownKeys).toEqual([
      ...scan.unknownKeys,
      "components/broken.tsx:4: no.such.key",
    ])
  })
})
