// The package entry. Installed from npm only the build (dist/) is there; in this repository the TypeScript source
// is, and jest and ts-node load it directly, so the repository's tests never run a stale build.
const fs = require("node:fs")
const path = require("node:path")

const source = path.join(__dirname, "index.ts")
module.exports = fs.existsSync(source)
  ? require(source)
  : require("./dist/index.js")
