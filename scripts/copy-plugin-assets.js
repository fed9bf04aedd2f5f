#!/usr/bin/env node
// `medusa plugin:build` compiles the TypeScript in src/ and copies nothing else; the invoice PDF's bundled font
// (and its licence) must sit beside the compiled module, where render-invoice-pdf.js looks for it.
const fs = require("node:fs")
const path = require("node:path")

const ROOT = path.join(__dirname, "..")
const ASSETS = ["src/modules/invoice/fonts"]

for (const dir of ASSETS) {
  const target = path.join(ROOT, ".medusa", "server", dir)
  fs.mkdirSync(target, { recursive: true })
  fs.cpSync(path.join(ROOT, dir), target, { recursive: true })
}
